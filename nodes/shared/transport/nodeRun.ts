import { randomUUID } from 'crypto';
import type {
	ICredentialDataDecryptedObject,
	IExecuteData,
	IExecuteSingleFunctions,
	IHttpRequestOptions,
} from 'n8n-workflow';

import type { StopReason } from '../answers/finalFailure';
import type { Vendor } from '../vendors';

interface LifecycleHooks {
	addHandler(hookName: 'workflowExecuteAfter', handler: () => void): void;
}

/**
 * What the items of one run of a node share, from the first item's hook to the last answer: the
 * credential read once, whether items may still be sent and why not, the 429 waiting, a gate that
 * holds every request until every item's input was checked, and what the run read once for all
 * its items. n8n gives a declarative node no object of its own per run: `nodeRunOf` finds it from
 * any hook's context.
 */
export class NodeRun {
	/** Names the run's own pace in the process-wide limiter. */
	readonly id = randomUUID();
	readonly continueOnFail: boolean;
	readonly itemCount: number;
	/** The item contexts of this run, by item index: a new context at an index is a new run. */
	readonly contexts: object[] = [];
	/** The request each item sent last, for outputs built from what was sent. */
	readonly sent: Array<Pick<IHttpRequestOptions, 'body'> | undefined> = [];
	/** How long 429s held the key since the server last took a request on it. */
	rateLimitWaitMs = 0;
	private takenAtLastHold?: number;
	reason?: StopReason;
	private readonly stopper = new AbortController();
	private checked = 0;
	private readonly allChecked: Promise<void>;
	private openGate!: () => void;
	private readonly memos: Record<string, Promise<unknown>> = {};

	constructor(context: IExecuteSingleFunctions) {
		this.continueOnFail = context.continueOnFail();
		const input = context.getExecuteData().data;
		// the items RoutingNode runs: main input, or an AI agent's tool call
		this.itemCount = Math.max(1, (input.main ?? input.ai_tool)?.[0]?.length ?? 1);
		this.allChecked = new Promise<void>((resolve) => (this.openGate = resolve));
		this.stopOnEndOfExecution(context);
	}

	/** Aborts when the run stops: whatever waits on it is not sent. */
	get stopped(): AbortSignal {
		return this.stopper.signal;
	}

	stop(reason: StopReason): void {
		if (this.stopper.signal.aborted) return;
		this.reason = reason;
		this.stopper.abort();
		this.openGate();
	}

	/**
	 * Called by each item once its input passed the rules, before it may be sent. Without Continue
	 * On Fail, resolves once every item of the run has passed them, so that one bad item sends
	 * nothing; false when the run stopped first.
	 */
	async checkedIn(): Promise<boolean> {
		if (!this.continueOnFail) {
			this.checked++;
			if (this.checked >= this.itemCount) this.openGate();
			await this.allChecked;
		}
		return !this.stopped.aborted;
	}

	/**
	 * Counts a 429's hold on the key against the run's patience: `takenOnKey` is how many requests
	 * the server has taken on the key in all, and a hold after the key moved starts the count anew.
	 */
	heldOnRateLimits(takenOnKey: number, heldMs: number): void {
		if (takenOnKey !== this.takenAtLastHold) this.rateLimitWaitMs = 0;
		this.takenAtLastHold = takenOnKey;
		this.rateLimitWaitMs += heldMs;
	}

	/** What the run reads once for all its items, like the account's statuses. */
	async once<T>(name: string, read: () => Promise<T>): Promise<T> {
		this.memos[name] ??= read();
		return (await this.memos[name]) as T;
	}

	/** The credential, read once for the run. */
	async credentials(
		context: IExecuteSingleFunctions,
		vendor: Vendor,
	): Promise<ICredentialDataDecryptedObject> {
		return await this.once(`credentials:${vendor.credentialType}`, async () =>
			context.getCredentials(vendor.credentialType),
		);
	}

	/**
	 * n8n runs the execution's `workflowExecuteAfter` hooks the moment a run is cancelled, on the
	 * main instance and on a queue-mode worker alike (n8n 2.x names that `onExecutionFinish`; 1.x
	 * has only the hooks). Once the execution is over, no item of it may still be sent.
	 */
	private stopOnEndOfExecution(context: IExecuteSingleFunctions): void {
		const end = () => this.stop({ kind: 'cancelled' });
		const signal = context.getExecutionCancelSignal();
		if (signal?.aborted) end();
		signal?.addEventListener('abort', end, { once: true });
		const hooks = (context as unknown as { additionalData?: { hooks?: Partial<LifecycleHooks> } })
			.additionalData?.hooks;
		if (typeof hooks?.addHandler === 'function') hooks.addHandler('workflowExecuteAfter', end);
	}
}

// the one registry of node runs, by the execution data n8n shares between a run's item contexts
const nodeRuns = new WeakMap<IExecuteData, NodeRun>();

/** The item's own context: the delivery hook gets one derived from it (`Object.create`). */
function itemContextOf(context: IExecuteSingleFunctions): object {
	return Object.prototype.hasOwnProperty.call(context, 'makeRoutingRequest')
		? (Object.getPrototypeOf(context) as object)
		: context;
}

/**
 * The run an item's hook belongs to. n8n keeps one execution data object across a node's retries
 * (Retry On Fail), so a new run starts when an item index comes back with a new context.
 */
export function nodeRunOf(context: IExecuteSingleFunctions): NodeRun {
	const executeData = context.getExecuteData();
	const itemIndex = context.getItemIndex();
	const itemContext = itemContextOf(context);
	let run = nodeRuns.get(executeData);
	const known = run?.contexts[itemIndex];
	if (!run || (known !== undefined && known !== itemContext)) {
		run = new NodeRun(context);
		nodeRuns.set(executeData, run);
	}
	run.contexts[itemIndex] ??= itemContext;
	return run;
}
