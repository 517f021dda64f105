import ArgumentParser
import CEditLine
import Datalog
import Foundation
import Graph
import Shell

struct ReplCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repl",
        abstract: "Explore the graph interactively with Datalog queries.",
        discussion: """
            Statements end with '.'; :help lists the commands. On a terminal the line editor keeps history in
            $XDG_STATE_HOME/newsgraph/history (or ~/.newsgraph_history) and Tab completes. With standard input
            not a terminal, statements are read from it without prompts (newsgraph repl < session.dl); the exit
            status is 2 if any statement failed.
            """
    )

    @OptionGroup var store: StoreOptions

    func run() throws {
        let session: ReplSession
        do {
            session = try ReplSession(
                storePath: store.path,
                output: { text in
                    print(text, terminator: "")
                    fflush(nil)
                },
                errorOutput: { text in
                    fflush(nil)
                    FileHandle.standardError.write(Data(text.utf8))
                })
        } catch {
            Diagnostics.error(error.description)
            throw ExitStatus.failure
        }
        for warning in session.store.warnings { Diagnostics.warning(warning) }
        if isatty(0) != 0 {
            InteractiveLoop(session: session).run()
        } else if !ScriptLoop(session: session).run() {
            throw ExitStatus.usage
        }
    }
}

/// Statements from a pipe or file: no prompt, no line editing.
struct ScriptLoop {
    let session: ReplSession

    /// Returns false when any statement failed.
    func run() -> Bool {
        var reader = StatementReader()
        var ok = true
        while let line = readLine(strippingNewline: true) {
            for statement in reader.feed(line) {
                guard let result = session.handle(statement) else { return ok }
                ok = ok && result
            }
        }
        if let rest = reader.finish() {
            FileHandle.standardError.write(Data("incomplete statement at the end of input (missing '.' or closing quote): \(rest.prefix(80))\n".utf8))
            ok = false
        }
        return ok
    }
}

/// Ctrl-C: the signal handler only counts; a watcher turns the count into the running query's cancellation.
enum Interrupts {
    nonisolated(unsafe) static let count: UnsafeMutablePointer<sig_atomic_t> = {
        let pointer = UnsafeMutablePointer<sig_atomic_t>.allocate(capacity: 1)
        pointer.pointee = 0
        return pointer
    }()

    /// Non-zero while the line editor waits for input.
    nonisolated(unsafe) static let atPrompt: UnsafeMutablePointer<sig_atomic_t> = {
        let pointer = UnsafeMutablePointer<sig_atomic_t>.allocate(capacity: 1)
        pointer.pointee = 0
        return pointer
    }()

    static func install() {
        _ = count
        _ = atPrompt
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
            Interrupts.count.pointee &+= 1
            // libedit retries a read interrupted once; a second interruption shortly after makes it give up,
            // so readline returns and the prompt can react to Ctrl-C.
            if Interrupts.atPrompt.pointee != 0 { ualarm(30_000, 0) }
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0  // no SA_RESTART: a blocking read returns so the prompt can react
        sigaction(SIGINT, &action, nil)
        var alarmAction = sigaction()
        alarmAction.__sigaction_handler.sa_handler = { _ in }
        sigemptyset(&alarmAction.sa_mask)
        alarmAction.sa_flags = 0
        sigaction(SIGALRM, &alarmAction, nil)
        // A parent may have left SIGINT blocked (signal masks survive exec): make sure it is delivered.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGINT)
        sigaddset(&unblock, SIGALRM)
        sigprocmask(SIG_UNBLOCK, &unblock, nil)
    }

    static func take() -> Bool {
        guard count.pointee > 0 else { return false }
        count.pointee = 0
        return true
    }
}

/// The terminal session: libedit line editing, history, completion, Ctrl-C handling.
struct InteractiveLoop {
    let session: ReplSession

    static var historyPath: String {
        let environment = ProcessInfo.processInfo.environment
        if let state = environment["XDG_STATE_HOME"], !state.isEmpty {
            try? FileManager.default.createDirectory(atPath: state + "/newsgraph", withIntermediateDirectories: true)
            return state + "/newsgraph/history"
        }
        return (environment["HOME"] ?? ".") + "/.newsgraph_history"
    }

    func run() {
        // libedit works in wide characters and needs a UTF-8 locale (it crashes in the C locale).
        if let current = setlocale(LC_CTYPE, ""), !String(cString: current).lowercased().contains("utf") {
            if setlocale(LC_CTYPE, "C.UTF-8") == nil { _ = setlocale(LC_CTYPE, "en_US.UTF-8") }
        }
        Interrupts.install()
        LineEditor.configure(session: session)
        let history = Self.historyPath
        _ = read_history(history)
        stifle_history(2000)
        var columns = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &columns) == 0, columns.ws_col > 20 { session.width = Int(columns.ws_col) }
        print("NewsGraph REPL on \(session.storePath): \(session.store.graph.factCount) facts. :help for help, :quit or Ctrl-D to leave.")
        var reader = StatementReader()
        var interruptsAtPrompt = 0
        loop: while true {
            let prompt = reader.isContinuing ? "...> " : "newsgraph> "
            Interrupts.atPrompt.pointee = 1
            let input = readline(prompt)
            Interrupts.atPrompt.pointee = 0
            guard let raw = input else {
                if Interrupts.take() {
                    reader.discard()
                    interruptsAtPrompt += 1
                    if interruptsAtPrompt >= 2 {
                        print("\nLeave the session? [y/N] ", terminator: "")
                        fflush(nil)
                        if let answer = Swift.readLine(), answer.lowercased().hasPrefix("y") { break loop }
                        interruptsAtPrompt = 0
                    } else {
                        print("\n(Ctrl-C cleared the input; :quit or Ctrl-D leaves)")
                    }
                    continue
                }
                print("")
                break
            }
            interruptsAtPrompt = 0
            let line = String(cString: raw)
            free(raw)
            if !line.trimmingCharacters(in: .whitespaces).isEmpty { add_history(line) }
            // An interrupt that arrived between the prompt and now belongs to no query.
            _ = Interrupts.take()
            for statement in reader.feed(line) {
                let cancellation = CancellationFlag()
                let watcher = Thread {
                    while !cancellation.isCancelled {
                        if Interrupts.take() {
                            cancellation.cancel()
                            break
                        }
                        usleep(20_000)
                    }
                }
                watcher.start()
                let result = session.handle(statement, cancellation: cancellation)
                let interrupted = cancellation.isCancelled
                cancellation.cancel()
                if interrupted { print("query cancelled") }
                if result == nil { break loop }
            }
            fflush(nil)
        }
        _ = write_history(history)
    }
}

/// libedit set-up and the completion callback.
enum LineEditor {
    nonisolated(unsafe) static var session: ReplSession?
    nonisolated(unsafe) static var pending: [String] = []
    nonisolated(unsafe) static var prepared: [String] = []
    nonisolated(unsafe) static let wordBreaks = strdup(" \t\n(),;=<>!") ?? UnsafeMutablePointer<CChar>.allocate(capacity: 1)

    static func configure(session: ReplSession) {
        Self.session = session
        ng_rl_set_name("newsgraph")
        ng_rl_set_word_breaks(wordBreaks)
        ng_rl_set_completer { text, start, end in
            // Entity names hold spaces: complete from an open quote before the cursor, and hand libedit
            // only the part that replaces its own word.
            let line = ng_rl_line_buffer().map { Array(String(cString: $0).utf8) } ?? []
            let cursor = min(Int(end), line.count)
            var quote: Int?
            var inString = false
            for index in 0..<cursor where line[index] == UInt8(ascii: "\"") {
                inString.toggle()
                quote = inString ? index : nil
            }
            let wordStart = min(Int(start), cursor)
            let from = quote.map { min($0, wordStart) } ?? wordStart
            let prefix = String(decoding: line[from..<cursor], as: UTF8.self)
            let typedBefore = wordStart - from
            let candidates = LineEditor.session.map { Completion.candidates(for: prefix, session: $0) } ?? []
            LineEditor.prepared = candidates.map { String(decoding: Array($0.utf8).dropFirst(typedBefore), as: UTF8.self) }
            return rl_completion_matches(text) { _, state in
                if state == 0 { LineEditor.pending = LineEditor.prepared }
                guard !LineEditor.pending.isEmpty else { return nil }
                return strdup(LineEditor.pending.removeFirst())
            }
        }
    }
}
