// Stands in, in the CLI bundle only, for modules aws-local-stepfunctions imports but the embedded
// runtime never reaches: every Task state is bound to a local handler (so the library never
// builds its own Lambda client) and the ASL is validated by `npm run validate`, not per query
// (noValidate). Loading them cost the CLI ~1.5 MB of code to compile on every start.
function unused(name) {
  return () => {
    throw new Error(`${name} is not bundled with the squall CLI: the embedded runtime binds every Task to a local handler and does not validate the ASL per query`);
  };
}

export class LambdaClient {
  constructor() {
    unused('@aws-sdk/client-lambda')();
  }
}
export class InvokeCommand extends LambdaClient {}
export const fromCognitoIdentityPool = unused('@aws-sdk/credential-providers');
export default unused('asl-validator');
