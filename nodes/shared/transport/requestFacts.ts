import type {
	DeclarativeRestApiSettings,
	IDataObject,
	IHttpRequestOptions,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';

/** A list the API pages by page number (`page`, `limit` in the query), as an operation reads it. */
export interface PagedList {
	/** The key of the page's answer that holds the records. */
	records: string;
	/** What the records are, in messages: `contacts`. */
	named: string;
	/** How many records to output at most; `Infinity` for Return All. */
	maxResults: number;
	pageSize: number;
	readPagination: (answer: IDataObject) => { isLastPage: boolean; pageSize?: number };
}

/** What a preSend hook decided about its request, for the delivery hook that sends it. */
export interface RequestFacts {
	/** Input refused under Continue On Fail: the item outputs this error, nothing is sent. */
	refusal?: NodeOperationError | NodeApiError;
	/** The request is the first page of a list, read page by page. */
	list?: PagedList;
}

// a symbol key: the HTTP client and n8n's request helpers read only the options they know
const FACTS = Symbol('n8n-nodes-outreach.requestFacts');

// a preSend hook gets the request's options as IHttpRequestOptions, the delivery hook with a looser url
type RequestOptions = IHttpRequestOptions | DeclarativeRestApiSettings.HttpRequestOptions;
type WithFacts = RequestOptions & { [FACTS]?: RequestFacts };

export function noteOnRequest(options: RequestOptions, facts: RequestFacts): void {
	const request = options as WithFacts;
	request[FACTS] = { ...request[FACTS], ...facts };
}

export function factsOf(options: RequestOptions): RequestFacts {
	return (options as WithFacts)[FACTS] ?? {};
}
