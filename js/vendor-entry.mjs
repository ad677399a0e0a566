// The editor's third-party code, bundled into site/assets/editor/vendor.js (committed, so the
// site is served without Node). Rebuild with `node js/build-vendor.mjs` after `npm ci`; a test
// rebuilds it and requires the same bytes and the versions of package-lock.json.
import Ajv2020 from "ajv/dist/2020.js";
import * as yaml from "js-yaml";

globalThis.KTVendor = { Ajv2020, yaml };
