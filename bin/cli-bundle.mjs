// The CLI runs from an esbuild bundle that is built on demand and reused while its sources are
// unchanged: loading ~250 TypeScript files through tsx on every call cost a second of start-up,
// the bundle loads in a fraction of that, and there is still no build step to forget.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const repositoryRoot = join(dirname(fileURLToPath(import.meta.url)), "..");
const ENTRY = join(repositoryRoot, "src", "cli", "run.ts");
const CACHE_DIR = join(repositoryRoot, "node_modules", ".cache", "nfops-cli");
const MANIFEST = join(CACHE_DIR, "manifest.json");
/** Layout of manifest.json. */
const MANIFEST_FORMAT = 2;

/** Path of the entry module of a bundle built from the current sources (built now if needed). */
export async function cliBundle() {
  const manifest = readManifest();
  // The repository root is compiled into the bundle: a checkout moved or copied with its node_modules needs its own.
  const entry = manifest && manifest.repositoryRoot === repositoryRoot && entryOf(manifest.directory);
  if (entry && existsSync(entry)) {
    // Unchanged sizes and modification times settle it without reading a file; otherwise the contents decide.
    const stats = statsOf(manifest.inputs);
    if (stats === manifest.stats) return entry;
    if (fingerprint(manifest.inputs) === manifest.fingerprint) {
      writeManifest({ ...manifest, stats }); // touched, not changed: next time the sizes and times settle it again
      return entry;
    }
  }
  return build();
}

function writeManifest(manifest) {
  const temporary = `${MANIFEST}.${process.pid}`;
  writeFileSync(temporary, JSON.stringify(manifest));
  renameSync(temporary, MANIFEST);
}

/** The entry module of the bundle in a cache directory. */
const entryOf = (directory) => join(CACHE_DIR, directory, "run.mjs");

function readManifest() {
  try {
    const manifest = JSON.parse(readFileSync(MANIFEST, "utf8"));
    return manifest.format === MANIFEST_FORMAT ? manifest : undefined;
  } catch {
    return undefined;
  }
}

/** The files a bundle depends on: its project inputs, the lockfile for the packages and this file for the build options. */
const dependencies = (inputs) => [...inputs, "package-lock.json", "bin/cli-bundle.mjs"];

/** Sizes and modification times of those files, as one string. */
function statsOf(inputs) {
  return dependencies(inputs)
    .map((file) => {
      try {
        const { size, mtimeMs } = statSync(join(repositoryRoot, file));
        return `${size}:${mtimeMs}`;
      } catch {
        return "(missing)";
      }
    })
    .join(" ");
}

/**
 * Hash of the project files the last bundle was built from, the lockfile for the packages and this
 * file for the build options. A new source file only matters once a listed file imports it, and
 * that changes the listed file.
 */
function fingerprint(inputs) {
  const hash = createHash("sha256").update(repositoryRoot).update("\0");
  for (const file of dependencies(inputs)) {
    hash.update(file).update("\0");
    try {
      hash.update(readFileSync(join(repositoryRoot, file)));
    } catch {
      hash.update("(missing)");
    }
    hash.update("\0");
  }
  return hash.digest("hex");
}

async function build() {
  // esbuild is only loaded when a bundle has to be built.
  const esbuild = await import("esbuild");
  mkdirSync(CACHE_DIR, { recursive: true });
  const staging = join(CACHE_DIR, `build-${process.pid}-${Date.now()}`);
  const result = await esbuild.build({
    absWorkingDir: repositoryRoot,
    entryPoints: { run: ENTRY },
    outdir: staging,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    // Each command is a dynamic import, so one-shot commands never load cdk8s or the Grafana SDK.
    splitting: true,
    // Packages are bundled too: resolving and loading hundreds of CommonJS files of cdk8s-plus and
    // ajv one by one was most of the start-up left. The lockfile is part of the fingerprint.
    platform: "node",
    target: "node20",
    format: "esm",
    metafile: true,
    logLevel: "error",
    // The bundle lives in the cache, so the repository root cannot come from its own location.
    define: { __NFOPS_REPOSITORY_ROOT__: JSON.stringify(repositoryRoot) },
    // CommonJS packages call require() for Node built-ins; an ES module has no require of its own.
    banner: { js: 'import { createRequire as __nfopsCreateRequire } from "node:module"; const require = __nfopsCreateRequire(import.meta.url);' },
  });
  // Packages are covered by the lockfile; hashing their thousands of files on every call would not be.
  const inputs = Object.keys(result.metafile.inputs)
    .filter((file) => !file.split("/").includes("node_modules"))
    .sort();
  const digest = fingerprint(inputs);
  const directory = digest.slice(0, 16);
  const target = join(CACHE_DIR, directory);
  // Concurrent first runs build the same bundle; the first rename wins and the others discard theirs.
  if (existsSync(target)) rmSync(staging, { recursive: true, force: true });
  else {
    try {
      renameSync(staging, target);
    } catch {
      rmSync(staging, { recursive: true, force: true });
    }
  }
  writeManifest({ format: MANIFEST_FORMAT, repositoryRoot, fingerprint: digest, stats: statsOf(inputs), directory, inputs });
  removeStaleBundles(directory);
  return entryOf(directory);
}

/** Bundles of older sources, once no process started a moment ago can still be loading their chunks. */
function removeStaleBundles(current) {
  const hourAgo = Date.now() - 3_600_000;
  for (const entry of readdirSync(CACHE_DIR, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name === current) continue;
    const path = join(CACHE_DIR, entry.name);
    if (statSync(path).mtimeMs < hourAgo) rmSync(path, { recursive: true, force: true });
  }
}
