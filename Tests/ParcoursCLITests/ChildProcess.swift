import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A program run by the tests, started with `posix_spawn`.
///
/// Foundation's `Process` can crash the test process while it starts a child (its scan of
/// `/proc/self/fd` reads past a directory entry: swift-corelibs-foundation #5472, still in the
/// 6.3 toolchain), so the tests start their children themselves: standard input, output and
/// error each from or to a file, the working directory set, and every other descriptor of the
/// test process closed in the child.
final class ChildProcess: @unchecked Sendable {
    var executable: String
    var arguments: [String]
    let environment: [String: String]
    /// The child's working directory; the test process's own when nil.
    let directory: String?
    /// The files standard input reads from and standard output and error write to (created or
    /// truncated; output and error may name the same file); `/dev/null` when nil.
    let standardInput: String?
    let standardOutput: String?
    let standardError: String?

    private(set) var processIdentifier: pid_t = 0
    /// The wait status, once the child has been reaped.
    private var status: Int32?

    init(executable: String, arguments: [String], environment: [String: String] = ProcessInfo.processInfo.environment,
         directory: String? = nil, standardInput: String? = nil, standardOutput: String? = nil, standardError: String? = nil) {
        self.executable = executable
        self.arguments = arguments
        self.environment = environment
        self.directory = directory
        self.standardInput = standardInput
        self.standardOutput = standardOutput
        self.standardError = standardError
    }

    /// Starts the child; throws when it cannot be started (the program missing, a file unopenable).
    func run() throws {
        precondition(processIdentifier == 0, "a child process is started once")
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        let output = O_WRONLY | O_CREAT | O_TRUNC
        for (descriptor, path, flags) in [(Int32(0), standardInput, O_RDONLY), (1, standardOutput, output), (2, standardError, output)] {
            // Output and error to one file share one open file (two would write over each other).
            let opened = descriptor == 2 && path != nil && path == standardOutput
                ? posix_spawn_file_actions_adddup2(&actions, 1, 2)
                : posix_spawn_file_actions_addopen(&actions, descriptor, path ?? "/dev/null", flags, 0o600)
            guard opened == 0 else { throw HarnessError("posix_spawn: descriptor \(descriptor): \(String(cString: strerror(opened)))") }
        }
        if let directory {
            guard let addChdir = Self.addChdir else { throw HarnessError("posix_spawn cannot set a child's directory here") }
            let changed = addChdir(&actions, directory)
            guard changed == 0 else { throw HarnessError("posix_spawn: directory: \(String(cString: strerror(changed)))") }
        }
        guard let addClosefrom = Self.addClosefrom else { throw HarnessError("posix_spawn cannot close a child's other descriptors here") }
        _ = addClosefrom(&actions, 3)
        // The child starts with no signal blocked and each at its default action: the test's
        // thread (a dispatch worker) blocks most, and a server would not hear `terminate()`.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { (argv + envp).forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, &attributes, argv, envp)
        guard spawned == 0 else { throw HarnessError("cannot start \(executable): \(String(cString: strerror(spawned)))") }
        processIdentifier = pid
    }

    /// Runs `executable` to completion, its output and errors into one temporary file; its exit
    /// status and what it wrote.
    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("parcours-child-\(UUID().uuidString).out")
        defer { try? FileManager.default.removeItem(at: log) }
        let child = ChildProcess(executable: executable, arguments: arguments, standardOutput: log.path, standardError: log.path)
        try child.run()
        child.waitUntilExit()
        return (child.terminationStatus, String(decoding: (try? Data(contentsOf: log)) ?? Data(), as: UTF8.self))
    }

    /// True until the child has exited (it is then reaped).
    var isRunning: Bool {
        guard processIdentifier != 0, status == nil else { return false }
        var raw: Int32 = 0
        var reaped = waitpid(processIdentifier, &raw, WNOHANG)
        while reaped == -1 && errno == EINTR { reaped = waitpid(processIdentifier, &raw, WNOHANG) }
        if reaped == processIdentifier { status = raw }
        return reaped == 0
    }

    /// Waits for the child to exit.
    func waitUntilExit() {
        guard processIdentifier != 0, status == nil else { return }
        var raw: Int32 = 0
        while waitpid(processIdentifier, &raw, 0) == -1 {
            guard errno == EINTR else { return }
        }
        status = raw
    }

    /// Sends SIGTERM.
    func terminate() {
        if isRunning { kill(processIdentifier, SIGTERM) }
    }

    /// True when the child was ended by a signal (then `terminationStatus` is that signal's number).
    var signaled: Bool {
        guard let status else { return false }
        return status & 0x7f != 0 && status & 0x7f != 0x7f
    }

    /// The exit code, or the signal's number when `signaled`; -1 while running.
    var terminationStatus: Int32 {
        guard let status else { return -1 }
        return signaled ? status & 0x7f : (status >> 8) & 0xff
    }

    // glibc's `_np` file actions (2.29 and 2.34), hidden from Swift behind _GNU_SOURCE.
    private typealias FileAction = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, UnsafePointer<CChar>) -> Int32
    private typealias FileActionFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    private static let addChdir: FileAction? = symbol("posix_spawn_file_actions_addchdir_np")
    private static let addClosefrom: FileActionFrom? = symbol("posix_spawn_file_actions_addclosefrom_np")

    private static func symbol<T>(_ name: String) -> T? {
        guard let address = dlsym(UnsafeMutableRawPointer(bitPattern: 0), name) else { return nil }
        return unsafeBitCast(address, to: T.self)
    }
}
