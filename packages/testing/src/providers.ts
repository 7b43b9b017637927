// @llm-files/testing/providers: what the test servers know of a provider, read from its
// profile and its spec (routes, success answers, the spec's examples). No Vitest in here, so
// plain Node programs (the runtime matrix's server, the bench's) import it too.
export { exampleOf, operationExample, resolveRef, type OpenApiDocument, type OperationExample } from "./spec-examples.js";
export { matchRoute, providerRoutes, type MatchedRoute, type OperationName, type ProviderRoute, type RouteData, type RoutesProfile } from "./provider-routes.js";
export { INT64_TEST_ID, providerAnswers, type AnswersProfile, type FileFacts, type ProviderAnswers } from "./provider-answers.js";
export { ResumableSessions, isResumable, resumableStep, type ResumableAnswer, type ResumableStep } from "./resumable.js";
