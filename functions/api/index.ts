/** Lambda: the Trino client protocol behind API Gateway (HTTP API); query state in DynamoDB. */
import { apiFunction } from '../../src/runtime/lambda/apiFunction.ts';

export const handler = apiFunction();
