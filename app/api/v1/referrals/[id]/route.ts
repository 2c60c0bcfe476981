export { GET } from '@/lib/api/v1/referral-by-id';
