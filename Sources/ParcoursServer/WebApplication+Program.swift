import Hummingbird
import ParcoursApp
import ParcoursLog

/// The coordinator's workspace: the program's picture over a period, and the caseloads of the
/// clinicians of her or his organization, for supervision.
///
/// Every page asks the use cases with the signed-in person's identity: the access policy
/// decides (a clinician or a researcher is refused, the refusal recorded) and the access log
/// records each read, view `program` or `caseload`, purpose supervision. The query holds days
/// and codes only; a clinician's id is the only name in a path.
extension WebApplication {
    func addProgramRoutes(to router: Router<WebContext>) {
        router.get("/programme") { request, context in
            await page(request, context) { session in
                let query = request.uri.queryParameters
                let period = ProgramPeriod(du: query["du"].map(String.init), au: query["au"].map(String.init), today: CaseRecord.today())
                guard period.isValid else { return WebPages.program(nil, period: period, session: session) }
                let picture = try await caseRecord.program(from: period.from, to: period.to, by: session.identity)
                return WebPages.program(picture, period: period, session: session)
            }
        }
        router.get("/programme/charges") { request, context in
            await page(request, context) { session in
                let (organization, caseloads) = try await caseRecord.organizationCaseloads(by: session.identity)
                return WebPages.programCaseloads(caseloads, organization: organization, today: CaseRecord.today(), session: session)
            }
        }
        router.get("/programme/charges/:clinician") { request, context in
            await page(request, context) { session in
                guard let clinician = ActorID(context.parameters.get("clinician") ?? "") else { throw WebFailure.notFound }
                let (whose, entries) = try await caseRecord.caseload(of: clinician, by: session.identity)
                let view = CaseloadView(query: request.uri.queryParameters["vue"].map(String.init), request.uri.queryParameters["tri"].map(String.init))
                return WebPages.supervisedCaseload(entries, of: whose, view: view, today: CaseRecord.today(), session: session)
            }
        }
    }
}
