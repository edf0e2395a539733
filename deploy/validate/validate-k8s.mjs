// Validates Kubernetes manifests (multi-document YAML, e.g. the output of `kubectl kustomize`) against the
// Kubernetes API schemas of the npm package kubernetes-models (and @kubernetes-models/keda for KEDA objects).
// Usage: node validate-k8s.mjs FILE...   Prints one line per object; exit code 1 if any object is invalid.
import { readFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const thirdParty = { "keda.sh": "@kubernetes-models/keda" };

async function modelFor(apiVersion, kind) {
  const group = apiVersion.includes("/") ? apiVersion.split("/")[0] : "";
  const pkg = thirdParty[group] ?? "kubernetes-models";
  let module;
  try {
    module = await import(`${pkg}/${apiVersion}`);
  } catch (e) {
    throw new Error(`no schema for apiVersion ${apiVersion}`);
  }
  const model = module[kind];
  if (!model) {
    throw new Error(`no schema for kind ${kind} in ${apiVersion}`);
  }
  return model;
}

let objects = 0;
let failures = 0;
for (const file of process.argv.slice(2)) {
  for (const doc of parseAllDocuments(readFileSync(file, "utf8"))) {
    if (doc.errors.length > 0) {
      console.log(`INVALID ${file}: YAML error: ${doc.errors[0].message}`);
      failures++;
      continue;
    }
    const object = doc.toJS();
    if (object == null) continue;
    objects++;
    const name = `${object.apiVersion} ${object.kind} ${object.metadata?.name}`;
    try {
      const Model = await modelFor(object.apiVersion, object.kind);
      new Model(object).validate();
      console.log(`ok ${name}`);
    } catch (e) {
      failures++;
      console.log(`INVALID ${file}: ${name}: ${e.message}`);
    }
  }
}
console.log(`${objects} objects, ${failures} invalid`);
process.exit(failures === 0 && objects > 0 ? 0 : 1);
