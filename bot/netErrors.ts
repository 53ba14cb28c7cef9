// Whether a failed request can have reached the other side. Saying "ingenting har sparats" or
// sending a reminder card again is only safe when it cannot: the request never left this machine.

/** Network error codes that mean the request was never sent (no connection, no address). */
const NEVER_SENT_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/** True when the error says the request never left this machine; any other failure after sending may have arrived. */
export function neverSent(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' && NEVER_SENT_CODES.has(code);
}
