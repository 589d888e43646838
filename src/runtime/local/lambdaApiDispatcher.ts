/**
 * Tasks that reach the functions through the Lambda invoke API with the SDK's LambdaClient, as
 * Step Functions' `lambda:invoke` integration does on AWS.
 */
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import type { TaskDispatcher } from './dispatchers.ts';
import { InvocationError } from './workerPool.ts';

/**
 * Invoke by function name through a Lambda invoke endpoint. A function error comes back as an
 * error named by its errorType, which is what the Task state's Retry and Catch match on AWS.
 */
export function lambdaApiDispatcher(endpoint: string, functionName: (fn: string) => string = (fn) => fn): TaskDispatcher & { close(): void } {
  const client = new LambdaClient({
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  const decoder = new TextDecoder();
  return {
    async invoke(fn, payload) {
      const out = await client.send(new InvokeCommand({ FunctionName: functionName(fn), Payload: new TextEncoder().encode(JSON.stringify(payload)) }));
      const body: unknown = out.Payload && out.Payload.length > 0 ? JSON.parse(decoder.decode(out.Payload)) : null;
      if (out.FunctionError) {
        const e = body as { errorType?: string; errorMessage?: string } | null;
        throw new InvocationError(e?.errorType ?? 'Lambda.Unknown', e?.errorMessage ?? 'function error');
      }
      return body;
    },
    close: () => client.destroy(),
  };
}
