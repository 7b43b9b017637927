export { startPrism, startOwnPrism, startPrisms, sharedPrismKey, SHARED_PRISM_ENV, REPO_ROOT, type Prism, type PrismOptions, type Provider } from "./prism.js";
export { startServer, listenOnLoopback, json, type TestServer, type RecordedRequest, type Handler, type Listening } from "./server.js";
export { tempFile, sparseFile, type TempFile } from "./files.js";
export { freePort } from "./ports.js";
export { describeContract, specOperations, sampleOf, DEFAULT_ERROR_NAMES, type ContractSuite, type ContractProfile, type ContractClient, type ContractContext, type ContractRun, type ClientSettings, type SpecOperation, type FilesOperationName } from "./contract.js";
export * from "./schema.js";
export { INT64_TEST_ID, ResumableSessions, exampleOf, isResumable, matchRoute, operationExample, providerAnswers, providerRoutes, resolveRef, resumableStep } from "./providers.js";
export type { AnswersProfile, FileFacts, MatchedRoute, OpenApiDocument, OperationExample, OperationName, ProviderAnswers, ProviderRoute, ResumableAnswer, ResumableStep, RouteData, RoutesProfile } from "./providers.js";
