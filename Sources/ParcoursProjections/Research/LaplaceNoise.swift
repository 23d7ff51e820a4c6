import Foundation
import ParcoursLog

/// Laplace noise for ε-differential privacy, drawn from libsodium's random bytes.
///
/// Textbook inverse-CDF sampling on doubles: adequate for counts rounded to integers and
/// clamped at zero (post-processing keeps the guarantee), not hardened against the
/// floating-point attacks the snapping mechanism addresses — the manifest says so.
enum LaplaceNoise {
    /// A draw of Laplace(0, scale).
    static func sample(scale: Double) -> Double {
        let bits = Sodium.randomBytes(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) } >> 11
        let u = (Double(bits) + 0.5) / Double(UInt64(1) << 53) - 0.5  // in (-0.5, 0.5)
        return -scale * (u < 0 ? -1 : 1) * log(1 - 2 * abs(u))
    }

    /// A count with noise of sensitivity/ε, rounded and never below zero.
    static func noisy(_ count: Int, sensitivity: Double, epsilon: Double) -> Int {
        max(0, Int((Double(count) + sample(scale: sensitivity / epsilon)).rounded()))
    }
}
