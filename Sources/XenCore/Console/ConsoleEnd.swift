/// Why a console session ended. Every case is a normal end for `xm console` (exit status 0), as
/// for xenconsole; the distinction is for the relay's tests (the CLI does not look at it).
public enum ConsoleEnd: Equatable, Sendable {
    /// The user typed the escape character (Ctrl-]).
    case detached
    /// Standard input reached its end (a script fed the console and finished).
    case inputClosed
    /// The pty hung up: the domain is gone or its console was torn down.
    case consoleClosed
    /// Standard output went away (the reader of a pipe exited).
    case outputClosed
    /// SIGINT, SIGTERM, SIGHUP or SIGQUIT arrived.
    case interrupted(signal: Int32)
}
