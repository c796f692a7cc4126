import { setup } from 'xstate';

export type RegistrationEvent = { type: 'REGISTER' } | { type: 'RELEASE' } | { type: 'CLOSE'; reason?: string };

/** A cadre sent down (下沉) to a unit: assigned by an admin, registers on arrival (报到), released when done. */
export function registrationMachine() {
  return setup({ types: {} as { events: RegistrationEvent } }).createMachine({
    id: 'registration',
    initial: 'assigned',
    states: {
      assigned: { on: { REGISTER: 'registered', CLOSE: 'closed' } },
      registered: { on: { RELEASE: 'released', CLOSE: 'closed' } },
      released: { type: 'final' },
      closed: { type: 'final' },
    },
  });
}
