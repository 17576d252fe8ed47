/** Path of the entry module of a bundle built from the current sources (built now if needed). */
export function cliBundle(): Promise<string>;
