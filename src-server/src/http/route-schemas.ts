import { ErrorResponseSchema } from '@resetdesk/shared';

/** Every route declares its error body too, so even errors are checked against the contract on the way out. */
export const ERROR_RESPONSES = {
  '4xx': ErrorResponseSchema,
  '5xx': ErrorResponseSchema,
} as const;
