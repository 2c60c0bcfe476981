export { GET } from '@/lib/api/v1/package-by-reference';
