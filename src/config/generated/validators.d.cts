// Types of validators.cjs, which `npm run validators` generates (src/generate/validators.ts).
declare const validators: Readonly<Record<string, unknown>>;
export = validators;
