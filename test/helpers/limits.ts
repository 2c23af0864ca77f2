import { Guayaba } from '../../nodes/Guayaba/Guayaba.node';
import { GUAYABA_READS, GUAYABA_WRITES } from '../../nodes/Guayaba/shared/limits';
import { deliverWithinLimits } from '../../nodes/shared/delivery';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../../nodes/shared/rateLimit';

/** The Guayaba node, its per-minute budgets counted in a compressed window. */
export function guayabaCounting(policy: Partial<RetryPolicy>): Guayaba {
	const node = new Guayaba();
	node.description.requestOperations = {
		pagination: deliverWithinLimits({
			service: 'Guayaba',
			credentialType: 'guayabaApi',
			secretField: 'apiKey',
			kind: (method) => (method === 'GET' ? 'read' : 'write'),
			requestsPerMinute: (method) =>
				method === 'GET' ? GUAYABA_READS.perMinute : GUAYABA_WRITES.perMinute,
			policy: { ...DEFAULT_RETRY_POLICY, ...policy },
		}),
	};
	return node;
}
