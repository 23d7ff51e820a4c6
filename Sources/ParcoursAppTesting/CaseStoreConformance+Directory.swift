import Foundation
import ParcoursApp
import ParcoursLog
import ParcoursLogTesting

/// The store's founding, its keys and the directory: who may unlock, enrol, change and revoke.
extension CaseStoreConformance {
    static let founding = Check("founding", "a new store names its origin and admin, opens with the right passphrases only") { subject in
        let store = subject.store
        try expect(store.origin == ConformancePeople.origin, "the origin is \(store.origin)")
        try expect(!store.isBackup, "a new store says it is a backup")
        try expect(try await store.foundingAdminName() == ConformancePeople.adminName, "the founding admin's name is not kept")
        try expect(try await store.isDemoStore() == false, "a store made without --demo says it is a demo store")
        let sizes = (events: try await store.size(.events), access: try await store.size(.access))
        try expect(sizes.events == 1 && sizes.access == 0, "a new store does not hold log.created alone")
        let directory = try await store.currentDirectory()
        try expect(directory.actors[ConformancePeople.admin]?.holds(Directory.adminRole) == true, "the founding admin is not an admin")
        try await expect(throws: LogError.wrongPassphrase(of: "the store's master key", field: "masterPassphrase"), "a wrong master passphrase") {
            _ = try await store.unlockMaster(passphrase: "phrase-fausse-conformite-1")
        }
        try await expect(throws: LogError.wrongPassphrase(of: "the key of \(ConformancePeople.admin)", field: "passphrase"), "a wrong passphrase") {
            _ = try await store.unlockActor(ConformancePeople.admin, passphrase: "phrase-fausse-conformite-1")
        }
        try await expect(throws: LogError.unknownActor("inconnu-exemple"), "an unknown actor") {
            _ = try await store.unlockActor("inconnu-exemple", passphrase: ConformancePeople.passphrase)
        }
        let (_, admin) = try await unlock(store)
        try expect(admin.key.publicKey == directory.actors[ConformancePeople.admin]?.key, "the admin's unlocked key is not the directory's")
    }

    static let directory = Check("directory", "admins enrol, change roles and revoke; others cannot; the last admin stays") { subject in
        let store = subject.store
        let (_, admin) = try await unlock(store)
        try await enrolClinician("clin-exemple", in: store, by: admin)
        let clinician = try await store.unlockActor("clin-exemple", passphrase: ConformancePeople.passphrase)
        try await expect(throws: LogError.invalidInput(field: "actor", reason: "clin-exemple is already enrolled"), "enrolling twice") {
            try await enrolClinician("clin-exemple", in: store, by: admin)
        }
        try await expect(throws: LogError.invalidInput(field: "roles", reason: "a non-empty list of distinct roles"), "no role") {
            _ = try await store.enrol(actor: "clin-deux", name: "Personne Exemple", organization: "Organisme Exemple", roles: [],
                                      passphrase: ConformancePeople.passphrase, link: nil, by: admin)
        }
        try await expect(throws: LogError.notPermitted(actor: "clin-exemple", reason: "change the directory: the admin role is needed"),
                         "a clinician enrolling") {
            try await enrolClinician("clin-deux", in: store, by: clinician)
        }
        try expect(try await store.currentDirectory().actors["clin-deux"] == nil, "a refused enrolment left an actor")
        _ = try await store.changeRoles(of: "clin-exemple", to: ["clinician", "supervisor"], by: admin)
        try expect(try await store.currentDirectory().actors["clin-exemple"]?.roles == ["clinician", "supervisor"], "the roles did not change")
        try await expect(throws: LogError.ruleBroken("roles: \(ConformancePeople.admin) is the last active admin; enrol another admin first"),
                         "the last admin giving up the role") {
            _ = try await store.changeRoles(of: ConformancePeople.admin, to: ["clinician"], by: admin)
        }
        try await expect(throws: LogError.ruleBroken("roles: clinician is not yours to give yourself; another administrator gives it"),
                         "an administrator giving herself a clinician's role") {
            _ = try await store.changeRoles(of: ConformancePeople.admin, to: ["admin", "clinician"], by: admin)
        }
        try await expect(throws: LogError.ruleBroken("actor: \(ConformancePeople.admin) is the last active admin; enrol another admin first"),
                         "revoking the last admin") {
            _ = try await store.revoke(ConformancePeople.admin, reason: "départ", by: admin)
        }
        _ = try await store.revoke("clin-exemple", reason: "départ", by: admin)
        try await expect(throws: LogError.revokedActor("clin-exemple"), "unlocking a revoked actor") {
            _ = try await store.unlockActor("clin-exemple", passphrase: ConformancePeople.passphrase)
        }
        try expect(try await store.size(.events) == 4, "the directory holds other than its four events")
    }

    static let lastAdminRace = Check("last-admin-race",
                                     "administrators giving up office all at the same moment leave exactly one of them in it") { subject in
        let store = subject.store
        let (_, founder) = try await unlock(store)
        // Eight administrators each give up their own admin role at once (keeping their other role, or, holding none,
        // revoking themselves): each change is allowed on a directory of several admins, and the log's own rules allow
        // them all (each author still holds the role when she writes). Decided on the directory inside each write, all
        // but the last to write pass, and the last is refused as the last admin's.
        var admins = [founder]
        for index in 1...7 {
            let id = "admin-course-\(index)"
            _ = try await store.enrol(actor: id, name: "Personne Exemple", organization: "Organisme Exemple",
                                      roles: ["admin", "supervisor"], passphrase: ConformancePeople.passphrase, link: nil, by: founder)
            admins.append(try await store.unlockActor(id, passphrase: ConformancePeople.passphrase))
        }
        let directory = try await store.currentDirectory()
        let passed = await withTaskGroup(of: Bool.self) { group in
            for admin in admins {
                let kept = directory.actors[admin.id]?.roles.filter { $0 != Directory.adminRole } ?? []
                group.addTask {
                    do {
                        if kept.isEmpty {
                            _ = try await store.revoke(admin.id, reason: "départ", by: admin)
                        } else {
                            _ = try await store.changeRoles(of: admin.id, to: kept, by: admin)
                        }
                        return true
                    } catch { return false }
                }
            }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        let remaining = StoreRules.activeAdmins(try await store.currentDirectory())
        try expect(remaining.count == 1, "\(remaining.count) active admins after eight resigned at once (\(passed) passed)")
        try expect(passed == admins.count - 1, "\(passed) of \(admins.count) resignations passed")
    }

    static let keyRotation = Check("key-rotation", "a new key opens with the new passphrase; the old one signs nothing more") { subject in
        let store = subject.store
        let (master, admin) = try await unlock(store)
        try await enrolClinician("clin-exemple", in: store, by: admin)
        let old = try await store.unlockActor("clin-exemple", passphrase: ConformancePeople.passphrase)
        _ = try await store.rotateKey(of: "clin-exemple", passphrase: "phrase-nouvelle-conformite-2", link: nil, by: admin)
        try await expect(throws: LogError.wrongPassphrase(of: "the key of clin-exemple", field: "passphrase"), "the old passphrase") {
            _ = try await store.unlockActor("clin-exemple", passphrase: ConformancePeople.passphrase)
        }
        let new = try await store.unlockActor("clin-exemple", passphrase: "phrase-nouvelle-conformite-2")
        try expect(new.key.publicKey != old.key.publicKey, "the key did not change")
        let size = try await store.size(.events)
        try await expect(throwing: LogError.self, "an append signed by the old key") { _ = try await store.append([note(1)], by: old, master: master) }
        try expect(try await store.size(.events) == size, "a refused append was written")
        _ = try await store.append([note(1)], by: new, master: master)
    }

    static let enrolmentLinks = Check("enrolment-links", "a one-time link names its actor until it expires, and is spent once") { subject in
        let store = subject.store
        let (_, admin) = try await unlock(store)
        let now = Date()
        let secret = "secret-de-lien-exemple-1", digest = "empreinte-exemple-1"
        try await enrolClinician("clin-exemple", in: store, by: admin, link: (digest, now.addingTimeInterval(3600)), passphrase: secret)
        try expect(try await store.enrolmentLinkActor(digest: digest, at: now) == "clin-exemple", "the link does not name its actor")
        try expect(try await store.enrolmentLinkActor(digest: digest, at: now.addingTimeInterval(7200)) == nil, "an expired link names an actor")
        try expect(try await store.enrolmentLinkActor(digest: "empreinte-inconnue", at: now) == nil, "an unknown link names an actor")
        let pending = try await store.pendingEnrolmentLinks(at: now)
        try expect(pending.keys.sorted() == ["clin-exemple"], "the pending links are \(pending.keys.sorted())")
        try expect(try await store.keyAwaitsLink(of: "clin-exemple"), "her key does not wait behind its link")
        try expect(try await !store.keyAwaitsLink(of: ConformancePeople.admin), "a key under a passphrase waits behind a link")
        try expect(try await store.pendingEnrolmentLinks(at: now.addingTimeInterval(7200)).isEmpty, "an expired link is pending")
        try await expect(throws: StoreRules.linkNotValid, "an expired link") {
            _ = try await store.redeemEnrolmentLink(digest: digest, secret: secret, passphrase: ConformancePeople.passphrase, at: now.addingTimeInterval(7200))
        }
        try await expect(throws: LogError.wrongPassphrase(of: "the key of clin-exemple", field: "passphrase"), "a link with a wrong secret") {
            _ = try await store.redeemEnrolmentLink(digest: digest, secret: "secret-faux-exemple-1", passphrase: ConformancePeople.passphrase, at: now)
        }
        // A second factor set up with the secret as a passphrase (before it was refused) ends with the link.
        _ = try await store.setSecondFactor(WebSessionRecord.Sealed(ciphertext: [1, 2, 3], nonce: [UInt8](repeating: 0, count: 24)), of: "clin-exemple")
        let redeemed = try await store.redeemEnrolmentLink(digest: digest, secret: secret, passphrase: ConformancePeople.passphrase, at: now)
        try expect(try await store.secondFactor(of: "clin-exemple") == nil, "a second factor set up before the link was spent outlives it")
        try expect(redeemed.id == "clin-exemple", "the link unlocked \(redeemed.id)")
        let unlocked = try await store.unlockActor("clin-exemple", passphrase: ConformancePeople.passphrase)
        try expect(unlocked.key.publicKey == redeemed.key.publicKey, "the chosen passphrase does not open the key")
        try await expect(throws: StoreRules.linkNotValid, "a link used twice") {
            _ = try await store.redeemEnrolmentLink(digest: digest, secret: secret, passphrase: "phrase-autre-conformite-3", at: now)
        }
        try expect(try await store.pendingEnrolmentLinks(at: now).isEmpty, "a spent link is pending")
        try expect(try await !store.keyAwaitsLink(of: "clin-exemple"), "her key still waits behind a spent link")
        // A key rotation through a new link replaces it; a revocation voids it.
        _ = try await store.rotateKey(of: "clin-exemple", passphrase: "secret-de-lien-exemple-2", link: ("empreinte-exemple-2", now.addingTimeInterval(60)), by: admin)
        try expect(try await store.enrolmentLinkActor(digest: "empreinte-exemple-2", at: now) == "clin-exemple", "the rotation's link is not kept")
        _ = try await store.revoke("clin-exemple", reason: "départ", by: admin)
        try expect(try await store.enrolmentLinkActor(digest: "empreinte-exemple-2", at: now) == nil, "a revoked actor's link still names her")
    }
}
