export { GET, POST } from '@/lib/api/v1/actuals';
