// `npm run build:exporter`: bundles the exporter image's entry point into one ES module with its
// runtime dependencies (prom-client, pino, ajv, yaml), so the image needs no node_modules.
import { build, type Metafile } from "esbuild";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { repositoryRoot } from "../config/project-paths.js";

/** Path of the bundle inside the image; the Dockerfile's ENTRYPOINT runs it. */
export const BUNDLE_FILE_NAME = "nfops-exporter.mjs";

export async function bundleExporter(outFile: string = join(repositoryRoot, "build", BUNDLE_FILE_NAME)): Promise<Metafile> {
  const result = await build({
    entryPoints: [join(repositoryRoot, "src", "cli", "container-main.ts")],
    outfile: outFile,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    minify: false,
    sourcemap: false,
    metafile: true,
    logLevel: "warning",
    // CommonJS dependencies call require() for Node built-ins; an ES module has no require of its own.
    banner: { js: 'import { createRequire as __nfopsCreateRequire } from "node:module"; const require = __nfopsCreateRequire(import.meta.url);' },
  });
  return result.metafile;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const metafile = await bundleExporter(process.argv[2]);
  const [file, output] = Object.entries(metafile.outputs)[0] ?? [];
  console.log(`${file}: ${((output?.bytes ?? 0) / 1024).toFixed(0)} KiB from ${Object.keys(metafile.inputs).length} modules`);
}
