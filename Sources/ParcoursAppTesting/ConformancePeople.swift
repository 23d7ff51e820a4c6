/// The synthetic people, origin and passphrases the store conformance suites make their
/// stores with, the same for every backend: never a realistic name.
public enum ConformancePeople {
    /// The origin of every conformance store.
    public static let origin = "spheres.example/conformance"
    /// The founding administrator.
    public static let admin = "admin-exemple"
    public static let adminName = "Administratrice Exemple"
    /// Every actor's passphrase in the suites.
    public static let passphrase = "phrase-exemple-conformite-1"
    /// The store's master passphrase.
    public static let masterPassphrase = "phrase-maitresse-conformite-1"
}
