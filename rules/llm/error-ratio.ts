import type { Rule } from "../../src/model/artifacts.js";
import { errorRatio } from "../../src/promql/expressions.js";
import { record } from "../../src/promql/rule-builders.js";

/**
 * Failed / all requests from the recorded rates. A service or model that has never failed may have
 * no failure series yet (TGI creates it on the first failure): it counts as 0 errors, not as no data.
 */
export function errorRatioRule(name: string, errors: string, requests: string): Rule {
  return record(name, errorRatio(errors, requests));
}
