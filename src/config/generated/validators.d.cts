// Types of validators.cjs, which `npm run validators` generates (src/config/build-validators.ts).
declare const validators: Readonly<Record<string, unknown>>;
export = validators;
