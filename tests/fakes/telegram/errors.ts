/** An error answer of the Bot API: `{ ok: false, error_code, description, parameters? }`. */
export interface ResponseParameters {
  migrate_to_chat_id?: number;
  retry_after?: number;
}

export class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly description: string,
    readonly parameters?: ResponseParameters,
  ) {
    super(description);
  }

  toJSON(): { ok: false; error_code: number; description: string; parameters?: ResponseParameters } {
    return { ok: false, error_code: this.code, description: this.description, ...(this.parameters ? { parameters: this.parameters } : {}) };
  }
}

export const badRequest = (reason: string, parameters?: ResponseParameters): ApiError => new ApiError(400, `Bad Request: ${reason}`, parameters);
export const forbidden = (reason: string): ApiError => new ApiError(403, `Forbidden: ${reason}`);
export const tooManyRequests = (retryAfter: number): ApiError => new ApiError(429, `Too Many Requests: retry after ${retryAfter}`, { retry_after: retryAfter });
export const methodNotFound = (): ApiError => new ApiError(404, "Not Found: method not found");
export const unauthorized = (): ApiError => new ApiError(401, "Unauthorized");
