// Process entry point (`npm run synth`, cdk8s.yaml); `main` stays importable without side effects.
import { main } from "./main.js";

process.exitCode = await main(process.argv.slice(2));
