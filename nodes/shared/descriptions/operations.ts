import type {
	IHttpRequestMethods,
	INodeProperties,
	INodePropertyOptions,
	PostReceiveAction,
	PreSendAction,
} from 'n8n-workflow';

/**
 * One operation of a resource, its request declared. Every operation's request goes through the
 * transport (`paginate` hands it to the node's delivery hook), so no operation can send a request
 * around the limits, the retries, the held items of a stopped run, or a refused item's error.
 */
export function operation(spec: {
	name: string;
	value: string;
	action: string;
	description: string;
	request: { method: IHttpRequestMethods; url: string };
	/** The preSend hook that applies the operation's input rules (transport/checkInput.ts). */
	rules?: PreSendAction;
	/** How the answer becomes the items out. */
	output: PostReceiveAction[];
}): INodePropertyOptions {
	const { request, rules, output, ...option } = spec;
	return {
		...option,
		routing: {
			request,
			send: { preSend: rules ? [rules] : [], paginate: true },
			output: { postReceive: output },
		},
	};
}

/** A resource's Operation selector. */
export function operationSelector(
	resource: string,
	operations: INodePropertyOptions[],
	defaultOperation: string,
): INodeProperties {
	return {
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: [resource] } },
		options: operations,
		default: defaultOperation,
	};
}
