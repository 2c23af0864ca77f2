import { deliverWithinLimits, type DeliveryRules } from '../../shared/transport/deliver';

/** Qyvo's published limit: 120 requests per token in any 60 seconds. */
export const QYVO_LIMIT = {
	perMinute: 120,
	why: 'Qyvo allows 120 requests a minute per token.',
};

export const QYVO_DELIVERY: DeliveryRules = {
	service: 'Qyvo',
	credentialType: 'qyvoApi',
	secretField: 'apiToken',
	kind: () => 'all',
	requestsPerMinute: () => QYVO_LIMIT.perMinute,
};

export const deliverQyvoRequest = deliverWithinLimits(QYVO_DELIVERY);
