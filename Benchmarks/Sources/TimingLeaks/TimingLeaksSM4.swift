import SealbridgeSM

/// SM4 cases; filled in when SM4 lands.
enum TimingLeaksSM4 {
    static func run(samples: Int, worst: inout Double) {}
}
