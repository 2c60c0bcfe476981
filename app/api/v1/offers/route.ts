export { GET } from '@/lib/api/v1/offers';
