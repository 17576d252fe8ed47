/**
 * Checks of URL settings that the schema's patterns cannot state well. A URL ends up in ConfigMaps,
 * in the labels of every probe series, in alerts, notifications and logs: it must carry no
 * credentials, and no control character (a newline splits a header or a log line).
 */

/** Why `url` cannot be used, or undefined; `secretField` names the setting that carries its credentials instead. */
export function urlProblem(url: string, secretField: string): string | undefined {
  if (/[\u0000-\u001f\u007f]/.test(url)) return "contains a control character";
  if (hasCredentials(url)) {
    return `carries credentials (user:password@): they would be written into ConfigMaps, series labels, alerts and logs; ${secretField}`;
  }
  return undefined;
}

/** Whether the authority of `url` (with or without a scheme) has a userinfo part (`user@` or `user:password@`). */
export function hasCredentials(url: string): boolean {
  const authority = url.replace(/^[A-Za-z][A-Za-z0-9+.-]*:\/\//, "").split(/[/?#]/, 1)[0] ?? "";
  return authority.includes("@");
}
