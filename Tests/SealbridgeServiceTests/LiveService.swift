import Testing

/// Every suite of the service's tests, run one test at a time. Each test makes its own service state (a fresh
/// store, the demo frameworks with their anchor tables) and many answer against time limits (408 after a stalled
/// body, 503 after a validation's limit, 413 before a body is read); run side by side on two cores, the states'
/// synchronous set-up held the cooperative pool the servers' handlers wait on, and answers came after their limits
/// (CI, under AddressSanitizer). One at a time, they take seconds.
@Suite(.serialized) enum LiveService {}
