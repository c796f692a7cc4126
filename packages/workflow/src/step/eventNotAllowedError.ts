/** Refusal of an event the instance's current state does not accept. */
export class EventNotAllowedError extends Error {
  readonly code = 'EVENT_NOT_ALLOWED';
  constructor(
    readonly eventType: string,
    readonly state: string,
    readonly machine: string,
  ) {
    super(`event ${eventType} is not allowed in state ${state} of ${machine}`);
    this.name = 'EventNotAllowedError';
  }
}
