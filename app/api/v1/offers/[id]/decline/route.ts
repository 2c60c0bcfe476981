export { POST } from '@/lib/api/v1/decline-offer';
