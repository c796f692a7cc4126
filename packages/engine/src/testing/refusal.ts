/** The error a command was refused with; fails the test when the command succeeds instead. */
export async function refusal(call: Promise<unknown>): Promise<unknown> {
  return call.then(
    () => {
      throw new Error('expected the command to be refused, but it succeeded');
    },
    (error: unknown) => error,
  );
}
