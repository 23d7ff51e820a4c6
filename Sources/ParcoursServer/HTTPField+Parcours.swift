import HTTPTypes

/// Header names HTTPTypes does not name.
extension HTTPField.Name {
    static let referrerPolicy = Self("Referrer-Policy")!
    static let xFrameOptions = Self("X-Frame-Options")!
    static let crossOriginOpenerPolicy = Self("Cross-Origin-Opener-Policy")!
    static let secFetchSite = Self("Sec-Fetch-Site")!
    /// The information categories a read of a journey or a timeline was allowed (raw values, comma-separated).
    static let parcoursCategories = Self("Parcours-Categories")!
}
