/**
 * Rolling-element bearing kinematics: the rates at which a local defect is struck,
 * from the bearing's geometry and the shaft speed (rigid rolling, no slip).
 */

export interface BearingGeometry {
  /** Number of rolling elements. */
  balls: number;
  /** Rolling-element diameter, mm. */
  ballDiameter: number;
  /** Pitch diameter (circle through the ball centres), mm. */
  pitchDiameter: number;
  /** Contact angle, radians (0 for a deep-groove bearing under radial load). */
  contactAngle: number;
}

/** A 6205 deep-groove ball bearing, the common drive-end bearing of small induction motors. */
export const BEARING_6205: BearingGeometry = {
  balls: 9,
  ballDiameter: 7.94,
  pitchDiameter: 39.04,
  contactAngle: 0,
};

/** Characteristic frequencies in Hz for one shaft speed. */
export interface DefectFrequencies {
  /** Shaft rotation. */
  shaft: number;
  /** Fundamental train (cage) frequency. */
  cage: number;
  /** Ball pass frequency, outer race: a ball rolls over an outer-race defect. */
  outerRace: number;
  /** Ball pass frequency, inner race: an inner-race defect meets a ball. */
  innerRace: number;
  /** Ball spin frequency; a ball defect strikes both races once per spin, so its impacts come at twice this. */
  ballSpin: number;
}

export function defectFrequencies(bearing: BearingGeometry, shaftHz: number): DefectFrequencies {
  const ratio = (bearing.ballDiameter / bearing.pitchDiameter) * Math.cos(bearing.contactAngle);
  const half = bearing.balls / 2;
  return {
    shaft: shaftHz,
    cage: (shaftHz / 2) * (1 - ratio),
    outerRace: half * shaftHz * (1 - ratio),
    innerRace: half * shaftHz * (1 + ratio),
    ballSpin: (bearing.pitchDiameter / (2 * bearing.ballDiameter)) * shaftHz * (1 - ratio * ratio),
  };
}
