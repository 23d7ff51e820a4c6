import Foundation
import Testing
import ParcoursLog
@testable import ParcoursSQLite

@Suite("The directory and its authority rules")
struct DirectoryTests {
    @Test("a clinician cannot change the directory")
    func clinicianCannotEnrol() throws {
        let test = try TestStore()
        let clinician = try test.clinician()
        let before = try test.head()
        #expect(throws: StoreError.notPermitted(actor: "clin-0001", reason: "change the directory: the admin role is needed")) {
            try test.store.enrol(actor: "clin-0002", name: "Autre Exemple", organization: "CODIM", roles: ["clinician"],
                                 passphrase: TestStore.clinicianPassphrase, by: clinician)
        }
        #expect(try test.head() == before)
    }

    @Test("after rotation the old key signs nothing and the new passphrase unlocks the new key")
    func rotation() throws {
        let test = try TestStore()
        let old = try test.clinician()
        try test.store.rotateKey(of: "clin-0001", passphrase: "rotated-passphrase-1", by: test.admin)
        #expect(throws: StoreError.keyUnavailable(actor: "clin-0001")) {
            try test.store.append([EventDraft(type: "note.added", stream: "participant/P-TEST00", data: [:])], by: old, master: test.master)
        }
        #expect(throws: StoreError.self) { try test.store.unlockActor("clin-0001", passphrase: TestStore.clinicianPassphrase) }
        let new = try test.store.unlockActor("clin-0001", passphrase: "rotated-passphrase-1")
        #expect(try test.store.append([EventDraft(type: "note.added", stream: "participant/P-TEST00", data: [:])], by: new,
                                      master: test.master).count == 1)
        #expect(try test.store.verify().events.size == 4)
    }

    @Test("a revoked actor can no longer write or unlock")
    func revocation() throws {
        let test = try TestStore()
        let clinician = try test.clinician()
        try test.store.revoke("clin-0001", reason: "a quitté le programme", by: test.admin)
        #expect(throws: StoreError.revokedActor("clin-0001")) {
            try test.store.append([EventDraft(type: "note.added", stream: "participant/P-TEST00", data: [:])], by: clinician, master: test.master)
        }
        #expect(throws: StoreError.revokedActor("clin-0001")) { try test.store.unlockActor("clin-0001", passphrase: TestStore.clinicianPassphrase) }
    }

    @Test("the last active admin can be neither revoked nor stripped of the admin role; an admin gives up roles of hers, but takes none")
    func lastAdmin() throws {
        let test = try TestStore()
        #expect(throws: StoreError.self) { try test.store.revoke("admin", reason: "test", by: test.admin) }
        #expect(throws: StoreError.self) { try test.store.changeRoles(of: "admin", to: ["clinician"], by: test.admin) }
        try test.store.enrol(actor: "admin-2", name: "Deuxième Exemple", organization: "CCSMTL", roles: ["admin"],
                             passphrase: "second-admin-pass", by: test.admin)
        #expect(throws: StoreError.self, "an administrator gives herself no role she does not hold") {
            try test.store.changeRoles(of: "admin", to: ["admin", "privacy-officer"], by: test.admin)
        }
        try test.store.changeRoles(of: "admin", to: ["admin", "coordinator"], by: try test.store.unlockActor("admin-2", passphrase: "second-admin-pass"))
        try test.store.changeRoles(of: "admin", to: ["coordinator"], by: test.admin)
        #expect(try test.store.currentDirectory().actors["admin"]?.roles == ["coordinator"], "given by another, given up by herself")
    }

    @Test("a copy's contents leave out a key still waiting behind a one-time link (the link does not move); once spent, the key moves")
    func linkKeyStaysBehind() throws {
        let test = try TestStore()
        try test.store.enrol(actor: "clin-lien", name: "Personne Exemple", organization: "CCSMTL", roles: ["clinician"],
                             passphrase: "secret-de-lien-exemple", link: ("empreinte-exemple", Date() + 3600), by: test.admin)
        #expect(try test.store.contents().actorKeys.contains { $0.actor == "admin" })
        #expect(try !test.store.contents().actorKeys.contains { $0.actor == "clin-lien" })
        _ = try test.store.redeemEnrolmentLink(digest: "empreinte-exemple", secret: "secret-de-lien-exemple", passphrase: "phrase-choisie-exemple-1",
                                               at: Date())
        #expect(try test.store.contents().actorKeys.contains { $0.actor == "clin-lien" })
    }

    @Test("malformed roles and ids are refused, naming the field (which roles exist is the program's vocabulary, checked above the store)")
    func badDirectoryInput() throws {
        let test = try TestStore()
        for roles in [[], ["clinician", "clinician"], ["Boss Man"]] {
            #expect(throws: StoreError.invalidInput(field: "roles", reason: "a non-empty list of distinct roles")) {
                try test.store.enrol(actor: "clin-0009", name: "Exemple", organization: "CODIM", roles: roles, passphrase: "some-passphrase", by: test.admin)
            }
        }
        #expect(throws: StoreError.self) {
            try test.store.enrol(actor: "Bad Id", name: "Exemple", organization: "CODIM", roles: ["clinician"], passphrase: "some-passphrase", by: test.admin)
        }
        #expect(throws: StoreError.self) {
            try test.store.enrol(actor: "clin-0009", name: "Exemple", organization: "CODIM", roles: ["clinician"], passphrase: "short", by: test.admin)
        }
    }
}
