// C++ STL containers: word counting in std::map<std::string, int> and std::unordered_map,
// a std::vector of pairs sorted with a lambda, std::string building and std::set_intersection.
// Exercises the allocator, std::string's small-string paths, red-black trees and hashing.
// Prints a checksum. Optional argv[1] scales the work.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

static uint32_t seed = 7;
static uint32_t next_random() { seed = seed * 1103515245u + 12345u; return seed >> 8; }

static std::string make_word() {
    static const char letters[] = "etaoinshrdlucmfw";
    std::string w;
    int len = 2 + static_cast<int>(next_random() % 7);
    for (int i = 0; i < len; i++) w += letters[next_random() % 16];
    return w;
}

int main(int argc, char **argv) {
    int scale = argc > 1 ? std::atoi(argv[1]) : 1;
    uint64_t sum = 0;
    for (int round = 0; round < 7 * scale; round++) {
        std::map<std::string, int> ordered;
        std::unordered_map<std::string, int> hashed;
        std::vector<std::string> words;
        for (int i = 0; i < 30000; i++) words.push_back(make_word());
        for (const std::string &w : words) { ordered[w]++; hashed[w] += static_cast<int>(w.size()); }
        std::vector<std::pair<int, std::string>> byCount;
        for (const auto &[w, n] : ordered) byCount.emplace_back(n * 1000 + hashed[w], w);
        std::sort(byCount.begin(), byCount.end(), [](const auto &a, const auto &b) {
            return a.first != b.first ? a.first > b.first : a.second < b.second;
        });
        std::string top;
        for (size_t i = 0; i < 50 && i < byCount.size(); i++) top += byCount[i].second + ",";
        std::set<std::string> first(words.begin(), words.begin() + 15000), second(words.begin() + 15000, words.end());
        std::vector<std::string> both;
        std::set_intersection(first.begin(), first.end(), second.begin(), second.end(), std::back_inserter(both));
        std::unordered_map<uint64_t, uint64_t> numbers;
        for (uint64_t i = 0; i < 50000; i++) numbers[(i * 2654435761u) % 100003] += i;
        uint64_t n = 0;
        for (const auto &[k, v] : numbers) n += k * v;
        sum = sum * 31 + ordered.size() * 7 + both.size() + std::hash<std::string>{}(top) % 1000003 + n % 1000003;
    }
    std::printf("stl: checksum %016llx\n", static_cast<unsigned long long>(sum));
    return 0;
}
