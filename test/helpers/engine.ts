/* eslint-disable @n8n/community-nodes/no-restricted-globals -- test code: it runs in Jest, never inside n8n */

// n8n-core keeps its settings in the user folder: jest's globalSetup makes a fresh one (userFolder.ts)
if (!process.env.N8N_USER_FOLDER)
	throw new Error('Run the tests with jest: its globalSetup sets N8N_USER_FOLDER');
// n8n-core logs every item error it sees; the tests assert on the errors themselves
process.env.N8N_LOG_LEVEL ??= 'silent';

import {
	DirectoryLoader,
	CredentialTestContext,
	ExecuteContext,
	ExecutionLifecycleHooks,
	LoadOptionsContext,
	RoutingNode,
	WorkflowExecute,
} from 'n8n-core';
// n8n-core keeps these two inside: they are how n8n runs a node as an AI Agent's tool
import { makeHandleToolInvocation } from 'n8n-core/dist/execution-engine/node-execution-context/utils/get-input-connection-data';
import { SupplyDataContext } from 'n8n-core/dist/execution-engine/node-execution-context/supply-data-context';
import {
	createRunExecutionData,
	NodeConnectionTypes,
	NodeHelpers,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IDataObject,
	type INode,
	type INodeExecutionData,
	type INodeListSearchResult,
	type INodeParameters,
	type INodePropertyOptions,
	type INodeType,
	type INodeTypes,
	type IRun,
	type IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';

import { TestCredentialsHelper } from './credentials';

export const PACKAGE = 'n8n-nodes-outreach';

export class TestNodeTypes implements INodeTypes {
	constructor(private readonly types: Record<string, INodeType>) {
		// as n8n's loader does: a declarative node gets the Request Options collection (timeout, ...)
		for (const type of Object.values(types))
			DirectoryLoader.applyDeclarativeNodeOptionParameters(type);
	}

	getByName(name: string): INodeType {
		const type = this.types[name.replace(`${PACKAGE}.`, '')];
		if (!type) throw new Error(`Unknown node type ${name}`);
		return type;
	}

	getByNameAndVersion(name: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(name), version);
	}

	getKnownTypes(): IDataObject {
		return {};
	}
}

export interface NodeUnderTest {
	nodeType: INodeType;
	credentialType: ICredentialType;
	credentials: ICredentialDataDecryptedObject;
	parameters: INodeParameters;
	onError?: INode['onError'];
	/** For one of n8n's own nodes (the benchmark's HTTP Request node): its full type and version. */
	type?: string;
	typeVersion?: number;
}

export function buildWorkflow({
	nodeType,
	credentialType,
	parameters,
	onError,
	type,
	typeVersion,
}: NodeUnderTest) {
	const node: INode = {
		id: 'node-under-test',
		name: nodeType.description.defaults.name ?? 'Node',
		type: type ?? `${PACKAGE}.${nodeType.description.name}`,
		typeVersion: typeVersion ?? 1,
		position: [0, 0],
		parameters,
		credentials: { [credentialType.name]: { id: '1', name: 'Test credential' } },
		onError,
	};
	const workflow = new Workflow({
		id: 'test-workflow',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: new TestNodeTypes({ [node.type.replace(`${PACKAGE}.`, '')]: nodeType }),
	});
	return { node, workflow };
}

export function buildAdditionalData(
	{ credentialType, credentials }: NodeUnderTest,
	hooks?: ExecutionLifecycleHooks,
): IWorkflowExecuteAdditionalData {
	const base = 'http://127.0.0.1:5678';
	return {
		credentialsHelper: new TestCredentialsHelper(
			{ [credentialType.name]: credentialType },
			{ [credentialType.name]: credentials },
		),
		hooks,
		executionId: 'test-execution',
		currentNodeExecutionIndex: 0,
		restApiUrl: `${base}/rest`,
		instanceBaseUrl: base,
		formBaseUrl: `${base}/form`,
		formWaitingBaseUrl: `${base}/form-waiting`,
		formTestBaseUrl: `${base}/form-test`,
		webhookBaseUrl: `${base}/webhook`,
		webhookWaitingBaseUrl: `${base}/webhook-waiting`,
		webhookTestBaseUrl: `${base}/webhook-test`,
		mcpBaseUrl: `${base}/mcp`,
		mcpTestBaseUrl: `${base}/mcp-test`,
		variables: {},
		executeWorkflow: async () => {
			throw new Error('Sub-workflows are not used in these tests');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
	} as unknown as IWorkflowExecuteAdditionalData;
}

export interface NodeRun {
	/** The items of each output of the node, in order (the second is the error output, if any). */
	outputs: INodeExecutionData[][];
	/** The error that stopped the run, when one did. */
	error?: Error & { description?: string | null; context?: IDataObject; httpCode?: string | null };
	run: IRun;
}

/**
 * Runs one node of ours through n8n's own engine (WorkflowExecute, and so RoutingNode for a
 * declarative node) with the given input items, and returns what n8n stored for it.
 */
export async function runNode(
	options: NodeUnderTest & {
		items?: INodeExecutionData[];
		/** Cancels the execution when it settles, as the editor's Stop button does. */
		cancelWhen?: Promise<unknown>;
	},
): Promise<NodeRun> {
	const items = options.items ?? [{ json: {} }];
	const { node, workflow } = buildWorkflow(options);
	const hooks = new ExecutionLifecycleHooks('manual', 'test-execution', {
		id: 'test-workflow',
		name: 'Test',
		active: false,
		activeVersionId: null,
		isArchived: false,
		createdAt: new Date(),
		updatedAt: new Date(),
		nodes: [node],
		connections: {},
	});
	const finished = new Promise<IRun>((resolve) => {
		hooks.addHandler('workflowExecuteAfter', (run) => resolve(run));
	});
	const runExecutionData = createRunExecutionData({
		executionData: { nodeExecutionStack: [{ node, data: { main: [items] }, source: null }] },
	});

	const execution = new WorkflowExecute(
		buildAdditionalData(options, hooks),
		'manual',
		runExecutionData,
	).processRunExecutionData(workflow);
	void options.cancelWhen?.then(() => execution.cancel());
	await execution;
	const run = await finished;
	const taskData = run.data.resultData.runData[node.name]?.[0];
	return {
		outputs: (taskData?.data?.main ?? []).map(
			(output: INodeExecutionData[] | null) => output ?? [],
		),
		error: (run.data.resultData.error ?? taskData?.error) as NodeRun['error'],
		run,
	};
}

/**
 * Calls one node of ours as an AI Agent calls its tool (n8n-core's `makeHandleToolInvocation`,
 * what the Tool Executor of the editor's "Execute step" also calls): the node's tool variant,
 * `<node>Tool`, run by RoutingNode as n8n's NodeTypes runs a declarative node. Resolves with what
 * the agent gets; rejects with the error the tool failed with.
 */
export async function callAsTool(
	options: NodeUnderTest & { toolArgs?: IDataObject },
): Promise<string> {
	const { nodeType } = options;
	const toolType = `${nodeType.description.name}Tool`;
	const tool: INodeType = Object.create(nodeType, {
		execute: {
			// as n8n's NodeTypes gives a declarative node its `execute`
			value: async function (this: ExecuteContext) {
				return (await new RoutingNode(this, nodeType).runNode()) ?? [];
			},
		},
	});
	const { node, workflow } = buildWorkflow({
		...options,
		nodeType: tool,
		type: `${PACKAGE}.${toolType}`,
	});
	const agent: INode = { ...node, id: 'agent', name: 'Agent', type: 'test.agent', parameters: {} };
	const runExecutionData = createRunExecutionData({});
	const additionalData = buildAdditionalData(options);
	const invoke = makeHandleToolInvocation(
		(runIndex) =>
			new SupplyDataContext(
				workflow,
				node,
				additionalData,
				'manual',
				runExecutionData,
				runIndex,
				[],
				{},
				NodeConnectionTypes.AiTool,
				{ node: agent, data: { main: [[{ json: {} }]] }, source: null },
				[],
				undefined,
				agent,
			),
		node,
		workflow.nodeTypes.getByNameAndVersion(node.type, node.typeVersion),
		runExecutionData,
	);
	return (await invoke(options.toolArgs ?? {})) as string;
}

/** Calls a `listSearch` method (a picker's From List) as the editor's REST API does. */
export async function listSearch(
	options: NodeUnderTest & {
		method: string;
		path: string;
		filter?: string;
		paginationToken?: string;
	},
): Promise<INodeListSearchResult> {
	const { node, workflow } = buildWorkflow(options);
	const context = new LoadOptionsContext(
		workflow,
		node,
		buildAdditionalData(options),
		options.path,
	);
	const method = options.nodeType.methods?.listSearch?.[options.method];
	if (!method) throw new Error(`No listSearch method ${options.method}`);
	return await method.call(context, options.filter, options.paginationToken);
}

/** Calls a `loadOptions` method as the editor's REST API does (n8n's LoadOptionsContext). */
export async function loadOptions(
	options: NodeUnderTest & { method: string; path: string },
): Promise<INodePropertyOptions[]> {
	const { node, workflow } = buildWorkflow(options);
	const context = new LoadOptionsContext(
		workflow,
		node,
		buildAdditionalData(options),
		options.path,
	);
	const method = options.nodeType.methods?.loadOptions?.[options.method];
	if (!method) throw new Error(`No loadOptions method ${options.method}`);
	return await method.call(context);
}

export interface CredentialTestResult {
	status: 'OK' | 'Error';
	message: string;
}

/**
 * The editor's credential Test button, as n8n's CredentialsTester runs a declarative `test`
 * request: the request in a temporary node run by RoutingNode, then the `rules` on its outcome.
 */
export async function testCredential(
	credentialType: ICredentialType,
	credentials: ICredentialDataDecryptedObject,
): Promise<CredentialTestResult> {
	const test = credentialType.test;
	if (!test) throw new Error(`${credentialType.name} has no test request`);
	const nodeType: INodeType = {
		description: {
			displayName: 'Temp',
			name: 'temp',
			group: [],
			version: 1,
			description: '',
			defaults: {},
			inputs: [],
			outputs: [],
			credentials: [{ name: credentialType.name, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					default: '',
					routing: { request: test.request },
				},
			],
		},
	};
	const underTest: NodeUnderTest = {
		nodeType,
		credentialType,
		credentials,
		parameters: {},
	};
	const { node, workflow } = buildWorkflow(underTest);
	const additionalData = buildAdditionalData(underTest);
	const data = (additionalData.credentialsHelper as TestCredentialsHelper).withDefaults(
		credentialType.name,
		credentials,
	);
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		createRunExecutionData(),
		0,
		[],
		{ main: [[{ json: {} }]] },
		{ node, data: {}, source: null },
		[],
	);
	const routingNode = new RoutingNode(context, nodeType, {
		id: '1',
		name: 'Test credential',
		type: credentialType.name,
		data,
	});
	// n8n 2.40's CredentialsTester.runRequestTest, step by step
	let response: INodeExecutionData[][] | null | undefined;
	try {
		response = await routingNode.runNode();
	} catch (error) {
		const cause = (
			error as { cause?: { code?: string; response?: { status: number; statusText?: string } } }
		).cause;
		if (cause?.response) {
			const { status, statusText } = cause.response;
			for (const rule of test.rules ?? []) {
				if (rule.type === 'responseCode' && rule.properties.value === status) {
					return { status: 'Error', message: rule.properties.message };
				}
			}
			if (status < 199 || status > 299) {
				return { status: 'Error', message: statusText || `Received HTTP status code: ${status}` };
			}
		} else if (cause?.code) {
			return { status: 'Error', message: cause.code };
		}
		return { status: 'Error', message: (error as Error).message };
	}
	for (const rule of test.rules ?? []) {
		if (rule.type === 'responseSuccessBody') {
			const body = response?.[0]?.[0]?.json;
			// lodash's get, as n8n reads it, for a dotted key
			const value = rule.properties.key
				.split('.')
				.reduce<unknown>((place, key) => (place as Record<string, unknown>)?.[key], body);
			if (value === rule.properties.value) {
				return { status: 'Error', message: rule.properties.message };
			}
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}

/** A credential tested by a function of its node (the webhook credentials, which send nothing). */
export async function testCredentialWithNode(
	nodeType: INodeType,
	credentialType: ICredentialType,
	credentials: ICredentialDataDecryptedObject,
): Promise<CredentialTestResult> {
	const reference = nodeType.description.credentials?.find((c) => c.name === credentialType.name);
	const testedBy = reference?.testedBy;
	if (typeof testedBy !== 'string')
		throw new Error(`${credentialType.name} is not tested by a function`);
	const test = nodeType.methods?.credentialTest?.[testedBy];
	if (!test) throw new Error(`No credentialTest method ${testedBy}`);
	const underTest: NodeUnderTest = { nodeType, credentialType, credentials, parameters: {} };
	const additionalData = buildAdditionalData(underTest);
	const data = (additionalData.credentialsHelper as TestCredentialsHelper).withDefaults(
		credentialType.name,
		credentials,
	);
	return await test.call(new CredentialTestContext(additionalData), {
		id: '1',
		name: 'Test credential',
		type: credentialType.name,
		data,
	});
}
