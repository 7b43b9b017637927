// A provider's types, read off its profile and its generated `paths` at the type level: the
// file a retrieve answers (its envelope unwrapped), what upload and delete answer, one page
// of the list and its query, the purposes, the id, whether it has states and expiry. A
// package names only what its spec cannot say (options of its own code, such as uploads in parts).
import type { FileState, Profile, ProviderTypes } from "./profile.js";

type JsonOf<R> = R extends { content: { "application/json": infer J } } ? J : unknown;
type Ok<O> = O extends { responses: infer Rs } ? (200 extends keyof Rs ? JsonOf<Rs[200]> : 201 extends keyof Rs ? JsonOf<Rs[201]> : unknown) : unknown;
type OpOf<Paths, R> = R extends { path: infer Path; method: infer M } ? (Path extends keyof Paths ? (M extends keyof Paths[Path] ? Paths[Path][M] : never) : never) : never;
/** The JSON a route answers with 200 (or 201). */
export type AnswerOf<Paths, R> = Ok<OpOf<Paths, R>>;
type Unwrap<X, E> = [E] extends [never] ? X : [E] extends [string] ? (E extends keyof X ? NonNullable<X[E]> : X) : X;
type WithoutKey<X, K> = [K] extends [never] ? X : [K] extends [string] ? (X extends object ? Omit<X, K> : X) : X;
type Elem<A> = A extends readonly (infer E)[] ? E : never;
type QueryOf<O> = O extends { parameters: { query?: infer Q } } ? ([Q] extends [undefined] ? {} : [Q] extends [never] ? {} : NonNullable<Q> extends object ? Q : {}) : {};

type Ops<P extends Profile> = P["operations"];
type Status<P extends Profile> = P["inBodyErrors"] extends { at: infer A } ? A : never;
type ListItems<Paths, P extends Profile> = Ops<P>["list"] extends { items: infer I } ? (I extends keyof NonNullable<AnswerOf<Paths, Ops<P>["list"]>> ? Elem<NonNullable<NonNullable<AnswerOf<Paths, Ops<P>["list"]>>[I]>> : unknown) : unknown;
type EnvelopeOf<R> = R extends { envelope: infer E } ? E : never;
/** The file a route answers: inside its envelope, or the answer itself without the in-body status object. */
type FileAnswer<Paths, P extends Profile, R> = [EnvelopeOf<R>] extends [never] ? WithoutKey<AnswerOf<Paths, R>, Status<P>> : Unwrap<AnswerOf<Paths, R>, EnvelopeOf<R>>;
type RetrieveFile<Paths, P extends Profile> = FileAnswer<Paths, P, Ops<P>["retrieve"]>;
type FileOf<Paths, P extends Profile> = [Ops<P>["retrieve"]] extends [undefined] ? ListItems<Paths, P> : RetrieveFile<Paths, P>;
type IdOf<P extends Profile> = P["ids"] extends "int64" ? string | number | bigint : string;
type PageQueryOf<Paths, P extends Profile> = Ops<P>["list"] extends object ? QueryOf<OpOf<Paths, Ops<P>["list"]>> : {};

/** The types of a provider's client from its `paths` and its profile (`typeof profile`, declared `as const`); `Over` names the rest. */
export type TypesOf<Paths, P extends Profile, Over extends Partial<ProviderTypes> = {}> = Merge<
  {
    name: P["name"];
    ops: Extract<keyof { [K in keyof Ops<P> as Ops<P>[K] extends undefined ? never : K]: 1 }, ProviderTypes["ops"]>;
    file: FileOf<Paths, P>;
    listed: ListItems<Paths, P>;
    uploaded: FileAnswer<Paths, P, Ops<P>["upload"]>;
    deleted: WithoutKey<AnswerOf<Paths, Ops<P>["delete"]>, Status<P>>;
    page: WithoutKey<AnswerOf<Paths, Ops<P>["list"]>, Status<P>>;
    pageQuery: PageQueryOf<Paths, P>;
    id: IdOf<P>;
    uploadPurpose: Elem<P["purposes"]["upload"]>;
    listPurpose: Elem<P["purposes"]["list"]>;
    deletePurpose: Ops<P>["delete"] extends { purpose: object } ? Elem<NonNullable<P["purposes"]["delete"]>> : never;
    uploadExtra: {};
    uploadOptions: {};
    states: P["states"] extends object ? FileState : never;
    expiry: P["expiry"] extends object ? true : false;
    bytes: P["file"] extends { bytesNullable: true } ? number | null : number;
  },
  Over
>;

/** D with Over's members in place of its own (a plain object type, so it reads as one). */
type Merge<D, Over> = { [K in keyof D]: K extends keyof Over ? Over[K] : D[K] };
