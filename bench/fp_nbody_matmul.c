/* Floating-point benchmark: the classic five-body simulation (double) and a blocked matrix
 * multiplication (double and float). Prints energies and a checksum. Optional argv[1] scales
 * the work. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define PI 3.141592653589793
#define SOLAR_MASS (4 * PI * PI)
#define DAYS_PER_YEAR 365.24

struct body { double x, y, z, vx, vy, vz, mass; };

static struct body bodies[5] = {
    {0, 0, 0, 0, 0, 0, SOLAR_MASS},
    {4.84143144246472090e+00, -1.16032004402742839e+00, -1.03622044471123109e-01, 1.66007664274403694e-03 * DAYS_PER_YEAR,
     7.69901118419740425e-03 * DAYS_PER_YEAR, -6.90460016972063023e-05 * DAYS_PER_YEAR, 9.54791938424326609e-04 * SOLAR_MASS},
    {8.34336671824457987e+00, 4.12479856412430479e+00, -4.03523417114321381e-01, -2.76742510726862411e-03 * DAYS_PER_YEAR,
     4.99852801234917238e-03 * DAYS_PER_YEAR, 2.30417297573763929e-05 * DAYS_PER_YEAR, 2.85885980666130812e-04 * SOLAR_MASS},
    {1.28943695621391310e+01, -1.51111514016986312e+01, -2.23307578892655734e-01, 2.96460137564761618e-03 * DAYS_PER_YEAR,
     2.37847173959480950e-03 * DAYS_PER_YEAR, -2.96589568540237556e-05 * DAYS_PER_YEAR, 4.36624404335156298e-05 * SOLAR_MASS},
    {1.53796971148509165e+01, -2.59193146099879641e+01, 1.79258772950371181e-01, 2.68067772490389322e-03 * DAYS_PER_YEAR,
     1.62824170038242295e-03 * DAYS_PER_YEAR, -9.51592254519715870e-05 * DAYS_PER_YEAR, 5.15138902046611451e-05 * SOLAR_MASS}};

static void advance(double dt) {
    for (int i = 0; i < 5; i++) {
        struct body *a = &bodies[i];
        for (int j = i + 1; j < 5; j++) {
            struct body *b = &bodies[j];
            double dx = a->x - b->x, dy = a->y - b->y, dz = a->z - b->z;
            double d2 = dx * dx + dy * dy + dz * dz;
            double mag = dt / (d2 * sqrt(d2));
            a->vx -= dx * b->mass * mag; a->vy -= dy * b->mass * mag; a->vz -= dz * b->mass * mag;
            b->vx += dx * a->mass * mag; b->vy += dy * a->mass * mag; b->vz += dz * a->mass * mag;
        }
    }
    for (int i = 0; i < 5; i++) {
        bodies[i].x += dt * bodies[i].vx; bodies[i].y += dt * bodies[i].vy; bodies[i].z += dt * bodies[i].vz;
    }
}

static double energy(void) {
    double e = 0;
    for (int i = 0; i < 5; i++) {
        struct body *a = &bodies[i];
        e += 0.5 * a->mass * (a->vx * a->vx + a->vy * a->vy + a->vz * a->vz);
        for (int j = i + 1; j < 5; j++) {
            struct body *b = &bodies[j];
            double dx = a->x - b->x, dy = a->y - b->y, dz = a->z - b->z;
            e -= a->mass * b->mass / sqrt(dx * dx + dy * dy + dz * dz);
        }
    }
    return e;
}

static void offset_momentum(void) {
    double px = 0, py = 0, pz = 0;
    for (int i = 0; i < 5; i++) { px += bodies[i].vx * bodies[i].mass; py += bodies[i].vy * bodies[i].mass; pz += bodies[i].vz * bodies[i].mass; }
    bodies[0].vx = -px / SOLAR_MASS; bodies[0].vy = -py / SOLAR_MASS; bodies[0].vz = -pz / SOLAR_MASS;
}

enum { M = 96 };
static double A[M][M], B[M][M], C[M][M];
static float Af[M][M], Bf[M][M], Cf[M][M];

int main(int argc, char **argv) {
    int scale = argc > 1 ? atoi(argv[1]) : 1;
    offset_momentum();
    printf("nbody energy before %.9f\n", energy());
    for (int i = 0; i < 750000 * scale; i++) advance(0.01);
    printf("nbody energy after  %.9f\n", energy());
    for (int i = 0; i < M; i++)
        for (int j = 0; j < M; j++) {
            A[i][j] = (i * 31 + j * 17) % 101 / 50.0 - 1.0; B[i][j] = (i * 7 + j * 13) % 89 / 44.0 - 1.0;
            Af[i][j] = (float)A[i][j]; Bf[i][j] = (float)B[i][j];
        }
    double check = 0;
    for (int r = 0; r < 20 * scale; r++) {
        for (int i = 0; i < M; i++)
            for (int j = 0; j < M; j++) { C[i][j] = 0; Cf[i][j] = 0; }
        for (int i = 0; i < M; i++)
            for (int k = 0; k < M; k++) {
                double a = A[i][k]; float af = Af[i][k];
                for (int j = 0; j < M; j++) { C[i][j] += a * B[k][j]; Cf[i][j] += af * Bf[k][j]; }
            }
        for (int i = 0; i < M; i++) { check += C[i][(i * 5 + r) % M] + Cf[(i * 3) % M][i]; A[i][i] += C[i][i] * 1e-3; }
    }
    printf("fp_nbody_matmul checksum %.12e\n", check);
    return 0;
}
