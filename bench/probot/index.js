// The peer: Probot verifies each delivery's signature, parses it and hands it to this handler, which does nothing.
export default (app) => {
  app.onAny(async () => {});
};
