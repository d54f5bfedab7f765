// C++: exceptions (thrown through several frames, rethrown, caught by base class, from a
// destructor-unwinding path), virtual dispatch, RTTI, templates and the STL containers
// and algorithms, std::string and iostreams.
#include <algorithm>
#include <cstdint>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <numeric>
#include <set>
#include <sstream>
#include <stdexcept>
#include <string>
#include <unordered_map>
#include <vector>

namespace {

struct Shape {
    virtual ~Shape() = default;
    virtual double area() const = 0;
    virtual std::string name() const { return "shape"; }
};
struct Rect : Shape {
    double w, h;
    Rect(double w_, double h_) : w(w_), h(h_) {}
    double area() const override { return w * h; }
    std::string name() const override { return "rect"; }
};
struct Square final : Rect {
    explicit Square(double s) : Rect(s, s) {}
    std::string name() const override { return "square"; }
};
struct Circle : Shape {
    double r;
    explicit Circle(double r_) : r(r_) {}
    double area() const override { return 3.141592653589793 * r * r; }
};

struct ParseError : std::runtime_error {
    int position;
    ParseError(const std::string &what, int pos) : std::runtime_error(what), position(pos) {}
};

int destroyed = 0;
struct Guard {
    int id;
    explicit Guard(int i) : id(i) {}
    ~Guard() { destroyed += id; }
};

int parse_digit(const std::string &s, int pos) {
    Guard g(pos + 1);
    if (pos >= static_cast<int>(s.size())) throw std::out_of_range("past the end");
    char c = s[pos];
    if (c < '0' || c > '9') throw ParseError(std::string("not a digit: ") + c, pos);
    return c - '0';
}

int parse_all(const std::string &s) {
    int total = 0;
    for (int i = 0; i < static_cast<int>(s.size()); i++) {
        try {
            total = total * 10 + parse_digit(s, i);
        } catch (const ParseError &e) {
            std::cout << "  ParseError at " << e.position << ": " << e.what() << "\n";
            if (e.position > 3) throw;  // rethrow to the caller
        }
    }
    if (s.size() == 2) parse_digit(s, 2);  // reads past the end: out_of_range
    return total;
}

template <typename T>
T sum_of_squares(const std::vector<T> &v) {
    return std::accumulate(v.begin(), v.end(), T{}, [](T acc, T x) { return acc + x * x; });
}

}  // namespace

int main() {
    std::vector<std::unique_ptr<Shape>> shapes;
    for (int i = 1; i <= 6; i++) {
        if (i % 3 == 0) shapes.push_back(std::make_unique<Circle>(i * 0.5));
        else if (i % 3 == 1) shapes.push_back(std::make_unique<Rect>(i, i + 1.5));
        else shapes.push_back(std::make_unique<Square>(i));
    }
    double total = 0;
    for (const auto &s : shapes) {
        total += s->area();
        std::cout << s->name() << " " << s->area() << (dynamic_cast<Rect *>(s.get()) ? " is-rect" : "") << "\n";
    }
    std::cout << "total area " << total << "\n";

    for (const char *input : {"123", "1x3", "12345y", "12"}) {
        try {
            std::cout << "parse " << input << " -> " << parse_all(input) << "\n";
        } catch (const std::out_of_range &e) {
            std::cout << "  out_of_range: " << e.what() << "\n";
        } catch (const std::exception &e) {
            std::cout << "  exception: " << e.what() << "\n";
        }
    }
    std::cout << "guards destroyed " << destroyed << "\n";
    try {
        std::vector<int> v(3);
        v.at(10) = 1;
    } catch (const std::exception &e) {
        std::cout << "vector::at threw " << (dynamic_cast<const std::out_of_range *>(&e) ? "out_of_range" : "other") << "\n";
    }
    try {
        throw 42;
    } catch (int x) {
        std::cout << "caught int " << x << "\n";
    }

    std::map<std::string, int> freq;
    std::unordered_map<int, int> squares;
    std::istringstream words("the cat and the dog and the bird");
    for (std::string w; words >> w;) freq[w]++;
    for (const auto &kv : freq) std::cout << kv.first << "=" << kv.second << " ";
    std::cout << "\n";
    for (int i = 0; i < 1000; i++) squares[i] = i * i;
    long long sq = 0;
    for (int i = 0; i < 1000; i += 7) sq += squares.at(i);
    std::cout << "unordered_map sum " << sq << " size " << squares.size() << "\n";

    std::vector<int> v(200);
    std::iota(v.begin(), v.end(), -100);
    std::sort(v.begin(), v.end(), [](int a, int b) { return (a * 37) % 101 < (b * 37) % 101 || ((a * 37) % 101 == (b * 37) % 101 && a < b); });
    std::cout << "sorted head " << v[0] << " " << v[1] << " " << v[2] << " tail " << v.back() << "\n";
    std::stable_sort(v.begin(), v.end());
    auto it = std::lower_bound(v.begin(), v.end(), 17);
    std::cout << "lower_bound " << (it - v.begin()) << " sumsq " << sum_of_squares(v) << "\n";
    std::set<std::string> names{"delta", "alpha", "charlie", "bravo"};
    std::string joined;
    for (const auto &n : names) joined += n + ",";
    std::cout << joined << "\n";
    std::function<long(int)> fib = [&](int n) -> long { return n < 2 ? n : fib(n - 1) + fib(n - 2); };
    std::cout << "fib(20) " << fib(20) << "\n";
    std::cout.precision(17);
    std::cout << "double " << 1.0 / 3.0 << " float " << 1.0f / 3.0f << std::hex << " hex " << 255 << "\n";
    return 0;
}
