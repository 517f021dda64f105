/// The REPL's `:help` texts.
enum ReplHelp {
    static func text(_ topic: String?) -> String {
        switch topic?.lowercased() {
        case nil:
            var lines = ["Type a query (rel(\"Donald Trump\", P, O).), a rule (linked(X, Y) :- rel(X, _, Y).) or a command.",
                         "A statement ends with '.'; Tab completes commands, relations, rules and entity names.", ""]
            for command in MetaCommand.summaries {
                lines.append(command.usage.padding(toLength: 28, withPad: " ", startingAt: 0) + command.purpose)
            }
            lines.append("")
            lines.append("Topics: :help queries | rules | relations | negation | aggregates | builtins")
            return lines.joined(separator: "\n") + "\n"
        case "queries":
            return """
                A query is a conjunction of atoms, ending with '.':   rel("Donald Trump", P, O).
                Variables start with an upper-case letter or _; _ alone matches anything. Strings are "quoted";
                lower-case words are symbols (type(E, person)). ?- in front is optional.

                """
        case "rules":
            return """
                Rules define predicates for this session:   linked(X, Z) :- rel(X, _, Y), rel(Y, _, Z).
                Recursion is allowed. :rules lists them, :pop undoes the last definition, :reset forgets all.

                """
        case "relations":
            return """
                rel(S, P, O)  fact(F, S, P, O)  arg(F, Role, V)  type(E, T)  alias(E, Name)
                source(F, Doc)  said(F, Sentence)  doc(Doc, Url, Title)  published(Doc, Date)  feed(Doc, FeedUrl)
                :relations shows their sizes.

                """
        case "negation":
            return """
                not atom  holds when the atom has no match; its variables must be bound by positive atoms first:
                rel(X, "deploy", Y), not rel(X, "withdraw", Y).
                Negation through recursion is rejected (the program must be stratifiable).

                """
        case "aggregates":
            return """
                In a rule head: count<V> (distinct), sum<V>, min<V>, max<V>, avg<V>, grouped by the other head arguments:
                degree(E, count<O>) :- rel(E, _, O).

                """
        case "builtins":
            return """
                = != < <= > >= on numbers, strings and ISO dates;  X = Y + 1  (+ - * / mod);
                contains(S, Sub)  starts_with(S, Prefix)  matches(S, Regex)  lower(S, L)  length(S, N)

                """
        default:
            return "no help on \(topic ?? ""); topics: queries, rules, relations, negation, aggregates, builtins\n"
        }
    }
}
