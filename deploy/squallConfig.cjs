/**
 * The Squall config the api and report functions run with, and the EventBridge schedules of the
 * `report` function read from its reports, when serverless.yml is resolved:
 * `${file(./deploy/squallConfig.cjs):configFile}`, `…:events` and `…:outputObjects`.
 * (osls loads `.js`/`.cjs` variable files with require and calls each exported function with
 * `{ resolveVariable, options }`; `.mjs` it would read as text, hence CommonJS.)
 *
 * The config is `--param="config=FILE"` (relative to the service directory), default
 * `squall.config.json`; without it there is nothing to deploy (the functions would know no
 * catalog), so packaging stops and says so. Squall checks reports
 * fully when it loads the config (run `npx squall report list --config FILE` before deploying);
 * this only checks what deploying needs: a name, a schedule, an s3:// destination (a Lambda
 * cannot write a file: destination anywhere lasting) and a config file inside the service
 * directory (it is packaged with the function).
 */
'use strict';

const fs = require('node:fs');
const path = require('node:path');

const serviceDir = path.resolve(__dirname, '..');
let loaded;

async function load(resolveVariable) {
  if (loaded === undefined) {
    const param = await resolveVariable('param:config');
    loaded = read(String(param));
  }
  return loaded;
}

function read(param) {
  const file = path.resolve(serviceDir, param);
  const relative = path.relative(serviceDir, file);
  if (!fs.existsSync(file)) {
    throw new Error(`no Squall config at ${file}: write one whose catalogs are s3:// locations (see the README's Deploy section), or pass --param="config=FILE"`);
  }
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new Error(`the config ${file} must lie inside the service directory ${serviceDir}: it is packaged with the report function`);
  }
  const config = JSON.parse(fs.readFileSync(file, 'utf8'));
  const reports = config.reports ?? [];
  if (!Array.isArray(reports)) throw new Error(`${relative}: reports must be a list`);
  for (const [i, r] of reports.entries()) {
    const at = `${relative}: reports[${typeof r?.name === 'string' ? r.name : i}]`;
    if (typeof r?.name !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(r.name)) throw new Error(`${at}.name: must be a plain identifier`);
    if (typeof r.schedule !== 'string') throw new Error(`${at}.schedule: must be cron(...) or rate(...)`);
    if (typeof r.destination !== 'string' || !/^s3:\/\/[^/]+/.test(r.destination)) {
      throw new Error(`${at}.destination: deployed reports need an s3:// destination (got ${JSON.stringify(r.destination)})`);
    }
  }
  return { file: relative.split(path.sep).join('/'), reports };
}

/** One EventBridge rule per report, invoking the function with the report's name and the event's (scheduled) time. */
module.exports.events = async ({ resolveVariable }) =>
  (await load(resolveVariable)).reports.map((r) => ({
    schedule: {
      rate: [r.schedule],
      description: `Squall report ${r.name}`,
      inputTransformer: {
        inputPathsMap: { time: '$.time' },
        inputTemplate: `{"report":"${r.name}","time":<time>}`,
      },
    },
  }));

/** The config file, relative to the service directory: packaged with the function and named in its environment. */
module.exports.configFile = async ({ resolveVariable }) => (await load(resolveVariable)).file;

/**
 * Where the report function may write: `<destination>/<name>/*` of each report. With no reports,
 * a prefix of the scratch bucket nothing writes to, as a policy statement needs some resource.
 */
module.exports.outputObjects = async ({ resolveVariable }) => {
  const arns = (await load(resolveVariable)).reports.map((r) => {
    const prefix = r.destination.slice('s3://'.length).replace(/\/+$/, '');
    return `arn:aws:s3:::${prefix}/${r.name}/*`;
  });
  return arns.length > 0 ? [...new Set(arns)] : [{ 'Fn::Sub': 'arn:aws:s3:::${ScratchBucket}/reports/*' }];
};
