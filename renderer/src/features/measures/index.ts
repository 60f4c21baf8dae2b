export { MeasureFlags } from './MeasureFlags';
export { MeasuresPanel } from './MeasuresPanel';
export { scoreText } from './scoreText';
