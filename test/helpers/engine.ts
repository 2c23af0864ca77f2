/* eslint-disable @n8n/community-nodes/no-restricted-imports, @n8n/community-nodes/no-restricted-globals -- test code: it runs in Jest, never inside n8n */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// n8n-core keeps its settings in the user folder: give each test run a fresh one
process.env.N8N_USER_FOLDER ??= mkdtempSync(path.join(tmpdir(), 'n8n-outreach-test-'));
// n8n-core logs every item error it sees; the tests assert on the errors themselves
process.env.N8N_LOG_LEVEL ??= 'silent';

import {
	CredentialTestContext,
	DirectoryLoader,
	ExecuteContext,
	ExecutionLifecycleHooks,
	LoadOptionsContext,
	RoutingNode,
	WorkflowExecute,
} from 'n8n-core';
import {
	createRunExecutionData,
	NodeHelpers,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialType,
	type IDataObject,
	type INode,
	type INodeExecutionData,
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
}

export function buildWorkflow({ nodeType, credentialType, parameters, onError }: NodeUnderTest) {
	const node: INode = {
		id: 'node-under-test',
		name: nodeType.description.defaults.name ?? 'Node',
		type: `${PACKAGE}.${nodeType.description.name}`,
		typeVersion: 1,
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
		nodeTypes: new TestNodeTypes({ [nodeType.description.name]: nodeType }),
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
	options: NodeUnderTest & { items?: INodeExecutionData[] },
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

	await new WorkflowExecute(
		buildAdditionalData(options, hooks),
		'manual',
		runExecutionData,
	).processRunExecutionData(workflow);
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
	try {
		await routingNode.runNode();
	} catch (error) {
		const response = (error as { cause?: { response?: { status: number; statusText?: string } } })
			.cause?.response;
		if (!response) return { status: 'Error', message: (error as Error).message };
		for (const rule of test.rules ?? []) {
			if (rule.type === 'responseCode' && rule.properties.value === response.status) {
				return { status: 'Error', message: rule.properties.message };
			}
		}
		return {
			status: 'Error',
			message: response.statusText || `Received HTTP status code: ${response.status}`,
		};
	}
	return { status: 'OK', message: 'Connection successful!' };
}

/**
 * The editor's credential Test button for a credential tested by a node's function (`testedBy`),
 * as n8n's CredentialsTester runs it: the function with a CredentialTestContext.
 */
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
