import Foundation
import ParcoursApp
import ParcoursLog
import ParcoursLogTesting

/// The web application's second factors and sessions.
extension CaseStoreConformance {
    static func sealed(_ byte: UInt8) -> WebSessionRecord.Sealed {
        WebSessionRecord.Sealed(ciphertext: [UInt8](repeating: byte, count: 48), nonce: [UInt8](repeating: byte &+ 1, count: 24))
    }

    static func session(_ digest: String, actor: String, created: Date, lastSeen: Date, enrolment: Bool = false) -> WebSessionRecord {
        WebSessionRecord(digest: digest, actor: actor, sealedSeed: [UInt8](repeating: 7, count: 48), nonce: [UInt8](repeating: 8, count: 24),
                         csrfToken: "jeton-\(digest)", createdAt: created, lastSeenAt: lastSeen, device: "Navigateur exemple",
                         enrolment: enrolment ? sealed(3) : nil, glass: nil)
    }

    static let secondFactor = Check("second-factor", "a second factor is set up once; each TOTP step opens one session; a key rotation ends it") { subject in
        let store = subject.store
        let (_, admin) = try await unlock(store)
        try await enrolClinician("clin-exemple", in: store, by: admin)
        try expect(try await store.secondFactor(of: "clin-exemple") == nil, "a second factor before any was set up")
        try expect(try await store.setSecondFactor(sealed(1), of: "clin-exemple"), "the first second factor was not set up")
        try expect(try await store.setSecondFactor(sealed(2), of: "clin-exemple") == false, "a second factor was replaced")
        try expect(try await store.secondFactor(of: "clin-exemple") == sealed(1), "the second factor is not the first one set")
        try expect(try await store.claimSecondFactorStep(100, of: "clin-exemple"), "a first step was refused")
        try expect(try await store.claimSecondFactorStep(100, of: "clin-exemple") == false, "one step was claimed twice")
        try expect(try await store.claimSecondFactorStep(99, of: "clin-exemple") == false, "an earlier step was claimed")
        try expect(try await store.claimSecondFactorStep(101, of: "clin-exemple"), "a later step was refused")
        try expect(try await store.claimSecondFactorStep(5, of: "inconnu-exemple") == false, "a step was claimed without a second factor")
        _ = try await store.rotateKey(of: "clin-exemple", passphrase: ConformancePeople.passphrase, link: nil, by: admin)
        try expect(try await store.secondFactor(of: "clin-exemple") == nil, "the second factor outlived the key rotation")
        try expect(try await store.setSecondFactor(sealed(4), of: "clin-exemple"), "no new second factor after the rotation")
    }

    static let webSessions = Check("web-sessions", "sessions are kept, touched, given glass, listed newest first, ended and expired") { subject in
        let store = subject.store
        let (_, admin) = try await unlock(store)
        try await enrolClinician("clin-exemple", in: store, by: admin)
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let first = session("session-1", actor: "clin-exemple", created: start, lastSeen: start)
        let second = session("session-2", actor: "clin-exemple", created: start, lastSeen: start.addingTimeInterval(10), enrolment: true)
        try await store.saveWebSession(first)
        try await store.saveWebSession(second)
        try await store.saveWebSession(session("session-3", actor: ConformancePeople.admin, created: start, lastSeen: start))
        try expect(try await store.webSession(digest: "session-1") == first, "a saved session reads back otherwise")
        try expect(try await store.webSession(digest: "session-inconnue") == nil, "an unknown session was found")
        try expect(try await store.webSessions(of: "clin-exemple").map(\.digest) == ["session-2", "session-1"], "sessions not newest first")
        try await store.touchWebSession(digest: "session-1", at: start.addingTimeInterval(20))
        try expect(try await store.webSessions(of: "clin-exemple").map(\.digest) == ["session-1", "session-2"], "a touched session is not newest")
        try await store.setWebSessionGlass(sealed(5), digest: "session-1")
        try expect(try await store.webSession(digest: "session-1")?.glass == sealed(5), "the break-glass grants were not kept")
        var replaced = first
        replaced.csrfToken = "jeton-remplace"
        try await store.saveWebSession(replaced)
        try expect(try await store.webSession(digest: "session-1")?.csrfToken == "jeton-remplace", "saving again did not replace the session")
        try expect(try await store.endWebSessions(of: "clin-exemple", settingUpOnly: true) == 1, "not one session setting up was ended")
        try expect(try await store.webSession(digest: "session-2") == nil, "a session setting up outlived its end")
        try await store.endWebSession(digest: "session-1")
        try expect(try await store.webSessions(of: "clin-exemple").isEmpty, "an ended session is listed")
        try await store.saveWebSession(session("session-4", actor: "clin-exemple", created: start, lastSeen: start.addingTimeInterval(100)))
        try await store.saveWebSession(session("session-5", actor: "clin-exemple", created: start.addingTimeInterval(50), lastSeen: start.addingTimeInterval(100)))
        let expired = try await store.endWebSessions(idleSince: start.addingTimeInterval(60), openedBefore: start.addingTimeInterval(30))
        try expect(expired == 2, "\(expired) sessions expired, not the idle one and the one opened too long ago (2)")
        try expect(try await store.webSessions(of: "clin-exemple").map(\.digest) == ["session-5"], "the wrong sessions expired")
        _ = try await store.revoke("clin-exemple", reason: "départ", by: admin)
        try expect(try await store.webSessions(of: "clin-exemple").isEmpty, "a revoked actor's session outlived the revocation")
    }
}
