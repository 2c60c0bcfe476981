export { GET, PUT } from '@/lib/api/v1/capacity';
